import { flux, type QueryApi } from '@influxdata/influxdb-client'
import { bucketOf, SCORE_MEASUREMENTS, scoreRecordSchema, type InfluxBuckets, type ScorePeriod, type ScoreRecord } from '@millstream/contract'
import type { Interval } from '@millstream/metrics'
import { toQueryError } from './sum-fields.ts'

export interface ScoreQuery {
  period: ScorePeriod
  /** Period starts in [startMs, endMs). */
  range: Interval
  /** One plant, or every plant of the bucket (the platform's ranking filters by tenancy after). */
  firm?: string
  plant?: string
  /** Only the latest record of each plant in the range. */
  latest?: boolean
}

/**
 * The scorer's records (mill.scores.v1 JSON, kept on the digitalization `plant_score` point: see
 * services/scorer score-sink.ts), parsed by the contract schema; a record that does not parse is
 * left out rather than guessed at. Sorted by plant, then period start.
 */
export async function scoreRecords(queryApi: QueryApi, buckets: InfluxBuckets, q: ScoreQuery): Promise<ScoreRecord[]> {
  if (q.range.endMs <= q.range.startMs) return []
  const tags = [
    ...(q.firm === undefined ? [] : [flux` and r.firm == ${q.firm}`]),
    ...(q.plant === undefined ? [] : [flux` and r.plant == ${q.plant}`]),
  ].reduce((a, b) => flux`${a}${b}`, flux``)
  const last = q.latest ? flux`
  |> group(columns: ["firm", "plant"])
  |> last()` : flux``
  const query = flux`from(bucket: ${bucketOf(buckets, SCORE_MEASUREMENTS.plantScore)})
  |> range(start: ${new Date(q.range.startMs)}, stop: ${new Date(q.range.endMs)})
  |> filter(fn: (r) => r._measurement == ${SCORE_MEASUREMENTS.plantScore} and r.period == ${q.period} and r.kind == "digitalization"${tags})
  |> filter(fn: (r) => r._field == "record")${last}`
  const rows = await queryApi.collectRows<Record<string, unknown>>(query).catch((cause: unknown) => {
    throw toQueryError(cause, { measurement: SCORE_MEASUREMENTS.plantScore })
  })
  return rows
    .flatMap((r) => {
      try {
        const parsed = scoreRecordSchema.safeParse(JSON.parse(String(r._value)))
        return parsed.success ? [parsed.data] : []
      } catch {
        return []
      }
    })
    .sort((a, b) => (a.firm + a.plant).localeCompare(b.firm + b.plant) || Date.parse(a.periodStart) - Date.parse(b.periodStart))
}
