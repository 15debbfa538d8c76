import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, MEASUREMENTS, type InfluxBuckets } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'
import { toQueryError } from './sum-fields.ts'

/**
 * The hours of a plant that have a `plant_hour` point: the aggregator's roll-up stage writes it
 * last, after the line and stop roll-ups of that hour, so its presence says the hour's roll-ups
 * were written (docs/data-model.md "Line and plant roll-ups"). One series, one field: cheap.
 */
export async function rolledUpHours(queryApi: QueryApi, o: { buckets: InfluxBuckets; firm: string; plant: string; range: Interval }): Promise<Set<number>> {
  if (o.range.endMs <= o.range.startMs) return new Set()
  const query = flux`from(bucket: ${bucketOf(o.buckets, MEASUREMENTS.plantHour)})
  |> range(start: ${new Date(o.range.startMs)}, stop: ${new Date(o.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.plantHour} and r["firm"] == ${o.firm} and r["plant"] == ${o.plant})
  |> filter(fn: (r) => r._field == "minutes")
  |> keep(columns: ["_time"])`
  const rows = await queryApi.collectRows<{ _time: string }>(query).catch((cause: unknown) => {
    throw toQueryError(cause, { measurement: MEASUREMENTS.plantHour })
  })
  return new Set(rows.map((r) => Date.parse(r._time)))
}
