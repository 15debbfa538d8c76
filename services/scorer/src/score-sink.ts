import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { SCORE_MEASUREMENTS, scoreRecordKey, scoreRollupKey, type ScoreRecord, type ScoreResultRecord, type ScoreRollupRecord } from '@millstream/contract'
import type { Producer } from 'kafkajs'

/**
 * Where score records go: Kafka first (compacted mill.scores.v1, key = plant and period, value =
 * the record's JSON), then InfluxDB, whose plant_score points are the scorer's catch-up state. A
 * crash between the two re-sends the same key with the same bytes, which compaction absorbs.
 */
export function createScoreSink(o: { influx: { url: string; token: string; org: string; bucket: string; timeoutMs?: number }; producer: Producer; topic: string; rollupTopic: string }) {
  const influx = new InfluxDB({ url: o.influx.url, token: o.influx.token, timeout: o.influx.timeoutMs ?? 30_000 })
  const writePoints = async (points: Point[]) => {
    const api = influx.getWriteApi(o.influx.org, o.influx.bucket, 'ms', { maxRetries: 0, batchSize: 10_000 })
    api.writePoints(points)
    await api.close()
  }
  return {
    /**
     * Plant records and the roll-ups built from them: Kafka first (records, then roll-ups), then
     * InfluxDB (roll-ups, then the plant_score points that mark the period scored). A crash
     * anywhere before the last write leaves the period unscored, so it is scored again with the
     * same bytes; after it, everything is written.
     */
    async write(records: readonly ScoreRecord[], rollups: readonly ScoreRollupRecord[] = []): Promise<void> {
      if (records.length === 0 && rollups.length === 0) return
      if (records.length > 0) await o.producer.send({ topic: o.topic, acks: -1, messages: records.map((r) => ({ key: scoreRecordKey(r), value: JSON.stringify(r) })) })
      if (rollups.length > 0) {
        await o.producer.send({ topic: o.rollupTopic, acks: -1, messages: rollups.map((r) => ({ key: scoreRollupKey(r), value: JSON.stringify(r) })) })
        await writePoints(rollups.flatMap(rollupPoints))
      }
      if (records.length > 0) await writePoints(records.flatMap(scorePoints))
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

/** score_rollup per kind, and score_percentile per ranked member (cluster and product-family scopes). */
export function rollupPoints(r: ScoreRollupRecord): Point[] {
  const startMs = Date.parse(r.periodStart)
  return (['digitalization', 'energy'] as const).flatMap((kind) => {
    const s = r[kind]
    const head = new Point(SCORE_MEASUREMENTS.scoreRollup).tag('scope', r.scope).tag('subject', r.subject).tag('period', r.period).tag('kind', kind).timestamp(startMs)
      .intField('plants', s.plants).intField('plants_without_data', s.plantsWithoutData).stringField('weighting', s.weighting)
    if (s.score !== null) head.floatField('score', s.score)
    if (kind === 'digitalization') head.stringField('record', JSON.stringify(r))
    const ranked = r.scope === 'firm' ? [] : s.members.filter((m) => m.percentile !== null)
    const ranks = ranked.map((m) => new Point(SCORE_MEASUREMENTS.scorePercentile).tag('firm', m.firm).tag('plant', m.plant).tag('period', r.period).tag('kind', kind).tag('scope', r.scope).tag('subject', r.subject).timestamp(startMs).floatField('percentile', m.percentile as number))
    return [head, ...ranks]
  })
}
