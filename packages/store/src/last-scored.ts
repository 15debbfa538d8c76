import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, SCORE_MEASUREMENTS, type InfluxBuckets } from '@millstream/contract'

/**
 * The end (epoch ms) of the latest scored period of one kind per plant, from the scorer's own
 * `plant_score` points (field period_end_ms). The scorer's catch-up state: InfluxDB is written
 * after Kafka, so a period found here is in both (docs/scores.md §5).
 */
export async function lastScoredEnds(queryApi: QueryApi, o: { buckets: InfluxBuckets; period: string; sinceMs: number }): Promise<Map<string, number>> {
  const query = flux`from(bucket: ${bucketOf(o.buckets, SCORE_MEASUREMENTS.plantScore)})
  |> range(start: ${new Date(o.sinceMs)})
  |> filter(fn: (r) => r._measurement == ${SCORE_MEASUREMENTS.plantScore} and r.period == ${o.period} and r.kind == "digitalization")
  |> filter(fn: (r) => r._field == "period_end_ms")
  |> group(columns: ["firm", "plant"])
  |> max()`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query)
  return new Map(rows.map((r) => [`${String(r.firm)}/${String(r.plant)}`, Number(r._value)]))
}
