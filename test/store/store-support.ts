import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { bucketOf, INTEGER_FIELDS } from '@millstream/contract'
import type { TestBuckets } from '../support/influx.ts'
import { servers } from '../support/servers.ts'
import type { TestPoint } from './plant-points.ts'

/**
 * Writes points through the client's WriteApi (which escapes tag values), awaiting InfluxDB's
 * acknowledgement; with two buckets, each point into its tier's (issue 17).
 */
export async function writePoints(buckets: TestBuckets, points: readonly TestPoint[]): Promise<void> {
  if (typeof buckets !== 'string') {
    for (const tier of ['minutes', 'rollups'] as const) await writePoints(buckets[tier], points.filter((p) => bucketOf(buckets, p.measurement) === buckets[tier]))
    return
  }
  const bucket = buckets
  const s = servers()
  const api = new InfluxDB({ url: s.influxUrl, token: s.influxToken }).getWriteApi(s.influxOrg, bucket, 'ms', { batchSize: 5_001, maxRetries: 0 })
  for (let i = 0; i < points.length; i += 5_000) {
    for (const p of points.slice(i, i + 5_000)) {
      const point = new Point(p.measurement).timestamp(p.timeMs)
      for (const [k, v] of Object.entries(p.tags)) point.tag(k, v)
      for (const [k, v] of Object.entries(p.fields)) {
        if (INTEGER_FIELDS.has(k)) point.intField(k, v)
        else point.floatField(k, v)
      }
      api.writePoint(point)
    }
    await api.flush()
  }
  await api.close()
}
