import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { sumFlux, toQueryError, type GroupSums, type SumSpec } from './sum-fields.ts'

/**
 * Many summing queries sent as one Flux script, one `yield` per query named by its index: the day
 * windows of a month, each with its hour-rollup and minute parts, cost one request instead of one
 * per part (the energy view's month took 30 such requests, four at a time: issue 14). Each part
 * is still sumFlux, summed inside the storage engine, so the sums are those of separate queries.
 */
export async function sumFieldsBatch(queryApi: QueryApi, specs: readonly SumSpec[]): Promise<GroupSums[]> {
  const out = specs.map((): GroupSums => new Map())
  const asked = specs.flatMap((spec, i) => (spec.range.endMs > spec.range.startMs && spec.fields.length > 0 ? [i] : []))
  if (asked.length === 0) return out
  const script = asked.map((i) => flux`${sumFlux(specs[i] as SumSpec)}
  |> yield(name: ${String(i)})`).reduce((a, b) => flux`${a}
${b}`)
  const rows = await queryApi.collectRows<Record<string, unknown>>(script).catch((cause: unknown) => {
    throw toQueryError(cause, specs[asked[0] as number] as SumSpec)
  })
  for (const row of rows) {
    const i = Number(row.result)
    const spec = specs[i]
    if (!spec) continue
    const sums = out[i] as GroupSums
    const key = JSON.stringify(spec.by.map((tag) => String(row[tag] ?? '')))
    const values = sums.get(key) ?? {}
    values[String(row._field)] = Number(row._value)
    sums.set(key, values)
  }
  return out
}
