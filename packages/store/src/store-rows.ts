import type { Interval } from '@millstream/metrics'
import type { GroupSums } from './sum-fields.ts'

/** One row of a store answer: the group (tag values), the window it covers, the values. */
export interface StoreRow<TValues> {
  group: Record<string, string>
  /** The report window: the whole range, or one local day. */
  window: Interval
  values: TValues
}

/** Rows from summed groups, one per group, with `toValues` turning field sums into typed values. */
export function toRows<TValues>(sums: GroupSums, by: readonly string[], window: Interval, toValues: (fields: Readonly<Record<string, number>>, group: Record<string, string>) => TValues): StoreRow<TValues>[] {
  return [...sums]
    .map(([key, fields]) => {
      const values = JSON.parse(key) as string[]
      const group = Object.fromEntries(by.map((tag, i) => [tag, values[i] ?? '']))
      return { group, window, values: toValues(fields, group) }
    })
    .sort((a, b) => (JSON.stringify(a.group) < JSON.stringify(b.group) ? -1 : 1))
}
