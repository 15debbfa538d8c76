import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, MEASUREMENTS, type InfluxBuckets } from '@millstream/contract'
import { gaugeMean, mergeGaugeSummaries, type GaugeSummary, type Interval } from '@millstream/metrics'
import { toQueryError } from './sum-fields.ts'

/** Which gauges of a plant: all, or one line, device or gauge. */
export interface ProcessQuery {
  buckets: InfluxBuckets
  firm: string
  plant: string
  range: Interval
  line?: string
  device?: string
  gauge?: string
}

/** One chart bucket of one gauge: lowest, mean and highest reading, their number and how many were out of range. */
export interface GaugeBucket {
  startMs: number
  min: number
  mean: number
  max: number
  count: number
  outOfRange: number
}

/** A gauge's identity in answers: the device that reads it, its line and kind, and its unit. */
export interface GaugeOf {
  line: string
  device: string
  kind: string
  gauge: string
  unit: string
}

/** An out-of-range reading (`process_out_of_range`). */
export interface ProcessEvent extends GaugeOf {
  tsMs: number
  value: number
  min: number
  max: number
}

const where = (q: ProcessQuery) => flux`r.firm == ${q.firm} and r.plant == ${q.plant}${q.line === undefined ? flux`` : flux` and r.line == ${q.line}`}${q.device === undefined ? flux`` : flux` and r.device == ${q.device}`}${q.gauge === undefined ? flux`` : flux` and r.gauge == ${q.gauge}`}`
const gaugeOf = (r: Record<string, unknown>): GaugeOf => ({ line: String(r.line), device: String(r.device), kind: String(r.kind), gauge: String(r.gauge), unit: String(r.unit) })

/**
 * Each gauge's readings in buckets of `bucketMs` from the range start (issue 16): from
 * `process_minute`, or from `process_hour` when the buckets are whole hours. The points are read
 * whole (pivoted) and merged here by the domain's rule (mergeGaugeSummaries): minimum of minima,
 * maximum of maxima, and the mean weighted by the readings, which InfluxDB's window aggregates
 * cannot give from stored means.
 */
export async function processSeries(queryApi: QueryApi, q: ProcessQuery & { bucketMs: number }): Promise<Map<string, { gauge: GaugeOf; buckets: GaugeBucket[] }>> {
  const out = new Map<string, { gauge: GaugeOf; buckets: GaugeBucket[] }>()
  if (q.range.endMs <= q.range.startMs) return out
  const measurement = q.bucketMs % 3_600_000 === 0 ? MEASUREMENTS.processHour : MEASUREMENTS.processMinute
  const rows = await queryApi.collectRows<Record<string, unknown>>(flux`from(bucket: ${bucketOf(q.buckets, measurement)})
  |> range(start: ${new Date(q.range.startMs)}, stop: ${new Date(q.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${measurement} and ${where(q)})
  |> filter(fn: (r) => r._field == "min" or r._field == "mean" or r._field == "max" or r._field == "count" or r._field == "out_of_range")
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")`).catch((cause: unknown) => {
    throw toQueryError(cause, { measurement })
  })
  const summaries = new Map<string, { gauge: GaugeOf; buckets: Map<number, GaugeSummary> }>()
  for (const r of rows) {
    const gauge = gaugeOf(r)
    const key = `${gauge.line}/${gauge.device}/${gauge.gauge}`
    let series = summaries.get(key)
    if (!series) summaries.set(key, (series = { gauge, buckets: new Map() }))
    const t = Date.parse(String(r._time))
    const startMs = q.range.startMs + Math.floor((t - q.range.startMs) / q.bucketMs) * q.bucketMs
    const count = Number(r.count)
    const s: GaugeSummary = { minValue: Number(r.min), maxValue: Number(r.max), sumValue: Number(r.mean) * count, count, outOfRange: Number(r.out_of_range ?? 0) }
    const prev = series.buckets.get(startMs)
    series.buckets.set(startMs, prev ? mergeGaugeSummaries(prev, s) : s)
  }
  for (const [key, { gauge, buckets }] of [...summaries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const list = [...buckets].sort(([a], [b]) => a - b).map(([startMs, s]) => ({ startMs, min: s.minValue, mean: gaugeMean(s), max: s.maxValue, count: s.count, outOfRange: s.outOfRange }))
    out.set(key, { gauge, buckets: list })
  }
  return out
}

/** Out-of-range readings in the range, oldest first, at most `limit`. */
export async function processEvents(queryApi: QueryApi, q: ProcessQuery & { limit: number }): Promise<ProcessEvent[]> {
  if (q.range.endMs <= q.range.startMs) return []
  const rows = await queryApi.collectRows<Record<string, unknown>>(flux`from(bucket: ${bucketOf(q.buckets, MEASUREMENTS.processOutOfRange)})
  |> range(start: ${new Date(q.range.startMs)}, stop: ${new Date(q.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.processOutOfRange} and ${where(q)})
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
  |> group()
  |> sort(columns: ["_time", "device", "gauge"])
  |> limit(n: ${q.limit})`).catch((cause: unknown) => {
    throw toQueryError(cause, { measurement: MEASUREMENTS.processOutOfRange })
  })
  return rows.map((r) => ({ ...gaugeOf(r), tsMs: Date.parse(String(r._time)), value: Number(r.value), min: Number(r.min), max: Number(r.max) }))
}
