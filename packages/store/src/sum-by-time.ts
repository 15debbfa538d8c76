import type { QueryApi } from '@influxdata/influxdb-client'
import { sumFlux, toQueryError, type GroupSums, type SumSpec } from './sum-fields.ts'

/**
 * Like sumFields, but one sum per point time as well: the answer to many minute or hour windows in
 * one query. Grouping by `_time` happens in Flux after the storage read, so it costs a table per
 * time and field; the API's point limit keeps that bounded (docs/api.md "Limits").
 */
export async function sumFieldsByTime(queryApi: QueryApi, spec: SumSpec): Promise<Map<number, GroupSums>> {
  const out = new Map<number, GroupSums>()
  if (spec.range.endMs <= spec.range.startMs || spec.fields.length === 0) return out
  const rows = await queryApi.collectRows<Record<string, unknown>>(sumFlux(spec, { byTime: true })).catch((cause: unknown) => {
    throw toQueryError(cause, spec)
  })
  for (const row of rows) {
    const timeMs = Date.parse(String(row._time))
    const sums = out.get(timeMs) ?? new Map<string, Record<string, number>>()
    const key = JSON.stringify(spec.by.map((tag) => String(row[tag] ?? '')))
    const values = sums.get(key) ?? {}
    values[String(row._field)] = (values[String(row._field)] ?? 0) + Number(row._value)
    sums.set(key, values)
    out.set(timeMs, sums)
  }
  return out
}
