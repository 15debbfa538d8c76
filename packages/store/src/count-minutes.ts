import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, MEASUREMENTS, type InfluxBuckets } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'

/**
 * Minutes with data per device in a range: the count of intake minute points (the aggregator
 * writes one per device and minute that received samples). The scorer's completeness of a meter
 * against the online-monitoring rule (≥ 90 % of expected data) is this count ÷ minutes in the
 * period. Flux through the client's `flux` tag only; count() over one field pushes down.
 */
export async function countDeviceMinutes(queryApi: QueryApi, o: { buckets: InfluxBuckets; firm: string; plant: string; range: Interval }): Promise<Map<string, number>> {
  if (o.range.endMs <= o.range.startMs) return new Map()
  const query = flux`from(bucket: ${bucketOf(o.buckets, MEASUREMENTS.intakeMinute)})
  |> range(start: ${new Date(o.range.startMs)}, stop: ${new Date(o.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.intakeMinute} and r.firm == ${o.firm} and r.plant == ${o.plant})
  |> filter(fn: (r) => r._field == "samples")
  |> group(columns: ["device"])
  |> count()`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query)
  return new Map(rows.map((r) => [String(r.device), Number(r._value)]))
}

/**
 * 15-minute slots with data per device in a range (GB/T 37947's upload interval): the windows of
 * 15 minutes (aligned on UTC, so on local quarters in whole-, half- and 45-minute zones) that hold
 * at least one intake minute point of the device.
 */
export async function countDeviceSlots15(queryApi: QueryApi, o: { buckets: InfluxBuckets; firm: string; plant: string; range: Interval }): Promise<Map<string, number>> {
  if (o.range.endMs <= o.range.startMs) return new Map()
  const query = flux`from(bucket: ${bucketOf(o.buckets, MEASUREMENTS.intakeMinute)})
  |> range(start: ${new Date(o.range.startMs)}, stop: ${new Date(o.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.intakeMinute} and r.firm == ${o.firm} and r.plant == ${o.plant})
  |> filter(fn: (r) => r._field == "samples")
  |> group(columns: ["device"])
  |> aggregateWindow(every: 15m, fn: count, createEmpty: false)
  |> count()`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query)
  return new Map(rows.map((r) => [String(r.device), Number(r._value)]))
}
