import { flux, type ParameterizedQuery, type QueryApi } from '@influxdata/influxdb-client'
import { toQueryError, type GroupSums, type SumSpec } from './sum-fields.ts'

/**
 * Like sumFlux, but one sum per point time as well: the answer to many minute or hour windows in
 * one query. Grouping by `_time` happens in Flux after the storage read, so it costs a table per
 * time and field; the API's point limit keeps that bounded (docs/api.md "Limits").
 */
export function sumByTimeFlux(spec: SumSpec): ParameterizedQuery {
  const tagTests = Object.entries(spec.where)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([tag, value]) => flux` and r[${tag}] == ${value}`)
  const fieldTests = spec.fields.map((f) => flux`r._field == ${f}`).reduce((a, b) => flux`${a} or ${b}`)
  return flux`from(bucket: ${spec.bucket})
  |> range(start: ${new Date(spec.range.startMs)}, stop: ${new Date(spec.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${spec.measurement}${tagTests.reduce((a, b) => flux`${a}${b}`, flux``)})
  |> filter(fn: (r) => ${fieldTests})
  |> group(columns: ${[...spec.by, '_time', '_field']})
  |> sum()`
}

/** Group sums per point time (epoch ms). */
export async function sumFieldsByTime(queryApi: QueryApi, spec: SumSpec): Promise<Map<number, GroupSums>> {
  const out = new Map<number, GroupSums>()
  if (spec.range.endMs <= spec.range.startMs || spec.fields.length === 0) return out
  const rows = await queryApi.collectRows<Record<string, unknown>>(sumByTimeFlux(spec)).catch((cause: unknown) => {
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
