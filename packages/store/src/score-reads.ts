import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, MEASUREMENTS, SCORE_MEASUREMENTS, mediumField, type EnergyMedium, type InfluxBuckets } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'

/** One meter reading interval: what the meters of the query consumed in it, in the medium's unit. */
export interface ReadingInterval extends Interval {
  delta: number
}

/**
 * A plant's consumption of one medium at its plant-scope meters, per hour (windows aligned to
 * the hour; the time-of-use split of score E4 cuts them at band boundaries). From the minutes,
 * so the series is exact whatever hours are rolled up.
 */
export async function hourlyPlantEnergy(queryApi: QueryApi, o: { buckets: InfluxBuckets; firm: string; plant: string; medium: EnergyMedium; range: Interval }): Promise<ReadingInterval[]> {
  if (o.range.endMs <= o.range.startMs) return []
  const query = flux`from(bucket: ${bucketOf(o.buckets, MEASUREMENTS.meterMinute)})
  |> range(start: ${new Date(o.range.startMs)}, stop: ${new Date(o.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.meterMinute} and r.firm == ${o.firm} and r.plant == ${o.plant} and r.scope == "plant" and r.medium == ${o.medium})
  |> filter(fn: (r) => r._field == ${mediumField(o.medium)})
  |> group()
  |> aggregateWindow(every: 1h, fn: sum, createEmpty: false, timeSrc: "_start")`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query)
  return rows
    .map((r) => {
      const startMs = Math.max(o.range.startMs, Date.parse(String(r._time)))
      return { startMs, endMs: Math.min(o.range.endMs, startMs - (startMs % 3_600_000) + 3_600_000), delta: Number(r._value) }
    })
    .sort((a, b) => a.startMs - b.startMs)
}

/** The score records (mill.scores.v1 JSON) of every plant for one period kind and start, from `plant_score`. */
export async function scoreRecordsAt(queryApi: QueryApi, o: { buckets: InfluxBuckets; period: string; startMs: number }): Promise<string[]> {
  const query = flux`from(bucket: ${bucketOf(o.buckets, SCORE_MEASUREMENTS.plantScore)})
  |> range(start: ${new Date(o.startMs)}, stop: ${new Date(o.startMs + 1)})
  |> filter(fn: (r) => r._measurement == ${SCORE_MEASUREMENTS.plantScore} and r.period == ${o.period} and r.kind == "digitalization")
  |> filter(fn: (r) => r._field == "record")`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query)
  return rows.map((r) => String(r._value)).sort()
}
