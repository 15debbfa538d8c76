import { escapeLabelValue } from './exposition.ts'

export type LabelValues<TLabel extends string> = Readonly<Record<TLabel, string | number>>

/**
 * The values of one metric, one per label set. A label set is keyed by its rendered pairs
 * (`machine="m1",reason="x"`, in labelNames order), which is also what the exposition prints.
 */
export interface LabelledSeries<TLabel extends string, TValue> {
  get(labels: LabelValues<TLabel> | undefined): TValue
  entries(): IterableIterator<[labelPairs: string, value: TValue]>
  clear(): void
}

export function createLabelledSeries<TLabel extends string, TValue>(
  metricName: string,
  labelNames: readonly TLabel[],
  create: () => TValue,
): LabelledSeries<TLabel, TValue> {
  const values = new Map<string, TValue>()
  const expected = [...labelNames].sort().join(', ')

  function keyOf(labels: LabelValues<TLabel> | undefined): string {
    const given = Object.keys(labels ?? {})
    if (given.length !== labelNames.length || [...given].sort().join(', ') !== expected) {
      throw new Error(`metric ${metricName}: expected labels [${expected}], got [${given.sort().join(', ')}]`)
    }
    return labelNames.map((name) => `${name}="${escapeLabelValue(String(labels?.[name]))}"`).join(',')
  }

  const series: LabelledSeries<TLabel, TValue> = {
    get(labels) {
      const key = keyOf(labels)
      let value = values.get(key)
      if (value === undefined) {
        value = create()
        values.set(key, value)
      }
      return value
    },
    entries: () => values.entries(),
    clear() {
      values.clear()
      // A metric without labels always has its single series, so it renders 0 before first use.
      if (labelNames.length === 0) series.get(undefined)
    },
  }
  series.clear()
  return series
}

/** Most update methods take `(value)` or `(labels, value)`; this splits the two forms. */
export function splitLabelsAndValue<TLabel extends string>(
  labelsOrValue: LabelValues<TLabel> | number | undefined,
  value: number | undefined,
  defaultValue: number,
): [LabelValues<TLabel> | undefined, number] {
  if (typeof labelsOrValue === 'number') return [undefined, labelsOrValue]
  return [labelsOrValue, value ?? defaultValue]
}
