import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { INTEGER_FIELDS } from '@millstream/contract'
import { servers } from '../support/servers.ts'
import type { TestPoint } from './plant-points.ts'

/** Writes points through the client's WriteApi (which escapes tag values), awaiting InfluxDB's acknowledgement. */
export async function writePoints(bucket: string, points: readonly TestPoint[]): Promise<void> {
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
