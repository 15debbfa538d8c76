import { flux, fluxDuration, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, MEASUREMENTS, mediumField, type EnergyMedium, type InfluxBuckets } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'
import { toQueryError } from './sum-fields.ts'

export interface MeterSeriesQuery {
  buckets: InfluxBuckets
  firm: string
  plant: string
  range: Interval
  medium: EnergyMedium
  /** Bucket length in whole minutes (a divisor of 60 keeps buckets on the plant's local hours in whole-hour zones). */
  bucketMin: number
  meter?: string
}

/** One chart bucket of a meter: the least and the most consumed in any of its minutes. */
export interface SeriesBucket {
  startMs: number
  min: number
  max: number
}

/**
 * A meter's minute consumption thinned for a chart by min/max buckets: InfluxDB keeps, per meter
 * and bucket, the smallest and the largest minute (window aggregates, pushed down to storage), so
 * a spike or a dip survives any thinning, which a mean would hide. Flux through the `flux` tag only.
 */
export async function meterSeries(queryApi: QueryApi, q: MeterSeriesQuery): Promise<Map<string, SeriesBucket[]>> {
  const out = new Map<string, SeriesBucket[]>()
  if (q.range.endMs <= q.range.startMs) return out
  const meter = q.meter === undefined ? flux`` : flux` and r.meter == ${q.meter}`
  const read = (fn: 'min' | 'max') => queryApi.collectRows<Record<string, unknown>>(flux`from(bucket: ${bucketOf(q.buckets, MEASUREMENTS.meterMinute)})
  |> range(start: ${new Date(q.range.startMs)}, stop: ${new Date(q.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.meterMinute} and r.firm == ${q.firm} and r.plant == ${q.plant}${meter})
  |> filter(fn: (r) => r._field == ${mediumField(q.medium)})
  |> aggregateWindow(every: ${fluxDuration(`${q.bucketMin}m`)}, fn: ${fn === 'min' ? flux`min` : flux`max`}, createEmpty: false, timeSrc: "_start")`).catch((cause: unknown) => {
    throw toQueryError(cause, { measurement: MEASUREMENTS.meterMinute })
  })
  const [mins, maxes] = await Promise.all([read('min'), read('max')])
  const key = (r: Record<string, unknown>) => `${String(r.meter)} ${Date.parse(String(r._time))}`
  const maxOf = new Map(maxes.map((r) => [key(r), Number(r._value)]))
  for (const r of mins) {
    const list = out.get(String(r.meter)) ?? []
    list.push({ startMs: Date.parse(String(r._time)), min: Number(r._value), max: maxOf.get(key(r)) ?? Number(r._value) })
    out.set(String(r.meter), list)
  }
  for (const list of out.values()) list.sort((a, b) => a.startMs - b.startMs)
  return out
}
