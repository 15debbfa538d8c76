import { describe, expect, it } from 'vitest'
import { deadLetterRecordSchema } from '@millstream/contract'
import { createSinks, message, MIN, runUninterrupted, step, TEST_INDEX, TEST_OPTIONS } from '../../test/engine-harness.ts'
import { createPartitionEngine, type RecordOutcome } from './partition-engine.ts'
import type { SourceMessage } from './dead-letter.ts'

// 2025-03-10 10:00 in Asia/Shanghai, as in partition-engine.test.ts.
const T0 = Date.parse('2025-03-10T10:00:00+08:00')
const LOOM = { v: 1, firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: 'loom-01', receivedAt: T0 }
const KEY = 'test-firm/test-plant/weaving/loom-01'

/** A Kafka message whose value is a device batch record of loom-01 with these samples, as written. */
function batchMessage(offset: number, samples: Record<string, unknown>[]): SourceMessage {
  return { topic: 'in', partition: 0, offset: String(offset), key: Buffer.from(KEY), value: Buffer.from(JSON.stringify({ ...LOOM, samples })), timestamp: String(T0) }
}

function engineWithOutcomes() {
  const outcomes: (RecordOutcome | string)[] = []
  const engine = createPartitionEngine({
    topic: 'in', partition: 0, registry: TEST_INDEX, options: TEST_OPTIONS,
    onOutcome: (outcome, reason) => void outcomes.push(reason ? `${outcome}:${reason}` : outcome),
  })
  return { engine, outcomes }
}

const GOOD = [
  { channel: 'state', ts: T0, state: 'running', seq: 1 },
  { channel: 'count', ts: T0 + 20_000, total: 250, good: 248, seq: 2 },
  { channel: 'energy', ts: T0 + 30_000, total: 10, medium: 'electricity', seq: 3 },
  { channel: 'count', ts: T0 + 70_000, total: 875, good: 860, seq: 5 },
  { channel: 'energy', ts: T0 + 90_000, total: 10.1, medium: 'electricity', seq: 6 },
]
const asSingles = (samples: Record<string, unknown>[]) => samples.map((s, i) => message(i, { line: 'weaving', device: 'loom-01', ...s } as Parameters<typeof message>[1]))

describe('device batch records (issue 16)', () => {
  it('applies each sample in order, dead-letters the one the registry refuses with its index, and counts the others as single records would', () => {
    const { engine, outcomes } = engineWithOutcomes()
    const sinks = createSinks()
    // Sample 3: a loom meters electricity only.
    const samples = [...GOOD.slice(0, 3), { channel: 'energy', ts: T0 + 45_000, total: 4, medium: 'gas', seq: 4 }, ...GOOD.slice(3)]
    expect(engine.apply(batchMessage(0, samples))).toBe('accepted')
    expect(outcomes).toEqual(['accepted', 'accepted', 'accepted', 'rejected:medium_mismatch', 'accepted', 'accepted'])
    expect(engine.nextOffset).toBe('1')
    engine.advance(T0 + 60 * MIN)
    step(engine, sinks, new Map())

    expect(sinks.deadLetters).toHaveLength(1)
    const dead = deadLetterRecordSchema.parse(sinks.deadLetters[0])
    expect(dead).toMatchObject({ reason: 'medium_mismatch', batchIndex: 3, key: KEY, source: { stage: 'aggregator', topic: 'in', partition: 0, offset: '0' } })
    expect(dead.message).toMatch(/^sample 3 of a device batch record: loom-01 meters electricity, not gas$/)
    // The payload is the refused sample alone, as the v1 record the aggregator read.
    expect(JSON.parse(Buffer.from(dead.payloadBase64, 'base64').toString('utf8'))).toEqual({ ...LOOM, ...samples[3] })

    const singles = runUninterrupted(asSingles(GOOD), T0 + 60 * MIN)
    expect(sinks.influx).toEqual(singles.influx)
    expect(sinks.influx.size).toBeGreaterThan(10)
  })

  it('dead-letters a record that fails the contract whole, and applies none of its samples', () => {
    const { engine, outcomes } = engineWithOutcomes()
    const sinks = createSinks()
    const bad = batchMessage(0, [GOOD[0] as Record<string, unknown>, { channel: 'count', ts: T0 + 1_000, total: -1 }, GOOD[1] as Record<string, unknown>])
    expect(engine.apply(bad)).toBe('rejected')
    expect(outcomes).toEqual(['rejected:schema_violation'])
    engine.advance(T0 + 60 * MIN)
    step(engine, sinks, new Map())
    expect(sinks.deadLetters).toHaveLength(1)
    const dead = deadLetterRecordSchema.parse(sinks.deadLetters[0])
    expect(dead.batchIndex).toBeUndefined()
    expect(dead.message).toMatch(/^sample 1 of a device batch: total/)
    expect(Buffer.from(dead.payloadBase64, 'base64').equals(bad.value as Buffer)).toBe(true)
    expect(engine.stats().devices).toBe(0)
    expect(sinks.influx.size).toBe(0)
    expect(engine.nextOffset).toBe('1')
  })

  it('dead-letters a too-late sample with its index and counts the rest, as single records would', () => {
    const { engine, outcomes } = engineWithOutcomes()
    const sinks = createSinks()
    engine.apply(message(0, { line: 'weaving', device: 'loom-01', channel: 'state', ts: T0 + 10 * MIN, state: 'running', seq: 1 }))
    // 2-minute lateness: 5 minutes back is too late; one minute back is late.
    const samples = [{ channel: 'state', ts: T0 + 5 * MIN, state: 'down', seq: 2 }, { channel: 'state', ts: T0 + 9 * MIN, state: 'idle', seq: 3 }, { channel: 'state', ts: T0 + 11 * MIN, state: 'running', seq: 4 }]
    expect(engine.apply(batchMessage(1, samples))).toBe('accepted')
    expect(outcomes).toEqual(['accepted', 'too_late', 'late', 'accepted'])
    step(engine, sinks, new Map())
    expect(sinks.deadLetters).toEqual([expect.objectContaining({ reason: 'too_late', batchIndex: 0, source: expect.objectContaining({ offset: '1' }), message: expect.stringMatching(/^sample 0 of a device batch record: event time/) })])
  })

  it('names the sample of a one-sample device batch record, and dead-letters a v1 record byte for byte as before', () => {
    const { engine } = engineWithOutcomes()
    const sinks = createSinks()
    engine.apply(batchMessage(0, [{ channel: 'energy', ts: T0, total: 1, medium: 'water' }]))
    const v1 = message(1, { line: 'weaving', device: 'loom-01', channel: 'energy', ts: T0, total: 1, medium: 'steam' })
    engine.apply(v1)
    step(engine, sinks, new Map())
    expect(sinks.deadLetters.map((d) => [d.reason, d.batchIndex, d.source.offset])).toEqual([['medium_mismatch', 0, '0'], ['medium_mismatch', undefined, '1']])
    expect(Buffer.from(sinks.deadLetters[1]?.payloadBase64 ?? '', 'base64').equals(v1.value as Buffer)).toBe(true)
  })
})
