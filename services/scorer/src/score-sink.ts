import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { SCORE_MEASUREMENTS, scoreRecordKey, type ScoreRecord, type ScoreResultRecord } from '@millstream/contract'
import type { Producer } from 'kafkajs'

/**
 * Where score records go: Kafka first (compacted mill.scores.v1, key = plant and period, value =
 * the record's JSON), then InfluxDB, whose plant_score points are the scorer's catch-up state. A
 * crash between the two re-sends the same key with the same bytes, which compaction absorbs.
 */
export function createScoreSink(o: { influx: { url: string; token: string; org: string; bucket: string; timeoutMs?: number }; producer: Producer; topic: string }) {
  const influx = new InfluxDB({ url: o.influx.url, token: o.influx.token, timeout: o.influx.timeoutMs ?? 30_000 })
  return {
    async write(records: readonly ScoreRecord[]): Promise<void> {
      if (records.length === 0) return
      await o.producer.send({ topic: o.topic, acks: -1, messages: records.map((r) => ({ key: scoreRecordKey(r), value: JSON.stringify(r) })) })
      const api = influx.getWriteApi(o.influx.org, o.influx.bucket, 'ms', { maxRetries: 0, batchSize: 10_000 })
      for (const r of records) api.writePoints(scorePoints(r))
      await api.close()
    },
  }
}

/** plant_score per kind and plant_score_component per component, at the period start. */
export function scorePoints(r: ScoreRecord): Point[] {
  const startMs = Date.parse(r.periodStart)
  const endMs = Date.parse(r.periodEnd)
  const kinds: [string, ScoreResultRecord][] = [['digitalization', r.digitalization], ['energy', r.energy]]
  return kinds.flatMap(([kind, s]) => {
    const tags = (p: Point) => p.tag('firm', r.firm).tag('plant', r.plant).tag('period', r.period).tag('kind', kind).timestamp(startMs)
    const head = tags(new Point(SCORE_MEASUREMENTS.plantScore)).stringField('status', s.status).stringField('model_version', s.modelVersion).intField('period_end_ms', endMs)
    if (s.score !== null) head.floatField('score', s.score)
    head.stringField('level', s.level?.id ?? 'none').stringField('reasons', s.reasons.join('; '))
    if (kind === 'digitalization') head.stringField('record', JSON.stringify(r))
    const components = s.components.map((c) => {
      const p = tags(new Point(SCORE_MEASUREMENTS.plantScoreComponent)).tag('component', c.id).floatField('weight', c.weight).stringField('state', c.state)
      if (c.value !== null) p.floatField('value', c.value)
      if (c.points !== null) p.floatField('points', c.points)
      return p
    })
    return [...components, head]
  })
}
