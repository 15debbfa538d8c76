import { describe, expect, it } from 'vitest'
import { KAFKA_TOPICS, TOPIC_SPECS } from './kafka-topics.ts'
import { scoreRollupKey, scoreRollupRecordSchema } from './score-rollups.ts'

const member = { firm: 'f', plant: 'p', score: 60, weight: 10, percentile: 50 }
const score = { score: 60, weighting: 'registered_machines' as const, plants: 1, plantsWithoutData: 0, members: [member] }
const record = { scope: 'cluster' as const, subject: '德安', period: 'day' as const, periodStart: '2026-03-02T00:00:00.000+08:00', periodEnd: '2026-03-03T00:00:00.000+08:00', modelVersions: { digitalization: ['d'], energy: ['e'] }, digitalization: score, energy: { ...score, weighting: 'energy_kgce' as const } }

describe('score roll-up record of mill.score-rollups.v1', () => {
  it('keys a roll-up by scope, subject, period kind and local period start', () => {
    expect(scoreRollupKey(record)).toBe('cluster/德安/day/2026-03-02T00:00:00.000+08:00')
  })
  it('accepts a plant without a score and without a rank, and refuses a score above 100 or an unknown scope', () => {
    expect(scoreRollupRecordSchema.safeParse(record).success).toBe(true)
    expect(scoreRollupRecordSchema.safeParse({ ...record, digitalization: { ...score, members: [{ ...member, score: null, percentile: null }] } }).success).toBe(true)
    expect(scoreRollupRecordSchema.safeParse({ ...record, digitalization: { ...score, score: 101 } }).success).toBe(false)
    expect(scoreRollupRecordSchema.safeParse({ ...record, scope: 'county' }).success).toBe(false)
  })
  it('goes to its own compacted topic', () => {
    const spec = TOPIC_SPECS.find((s) => s.topic === KAFKA_TOPICS.scoreRollups)
    expect(spec?.configEntries).toContainEqual({ name: 'cleanup.policy', value: 'compact' })
  })
})
