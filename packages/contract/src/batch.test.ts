import { describe, expect, it } from 'vitest'
import { BATCH_MAX_SAMPLES, batchMessageSchema, batchTopic, parseBatchTopic } from './batch.ts'
import { parseTopic } from './topic.ts'

const sample = (i: number) => ({ line: 'weaving', machine: `loom-${i % 10}`, channel: 'count', ts: 1_767_225_600_000 + i, total: i, seq: i })

describe('batch topic', () => {
  it('names the plant and round-trips through batchTopic', () => {
    expect(parseBatchTopic(batchTopic('acme', 'p1'))).toEqual({ ok: true, firm: 'acme', plant: 'p1' })
  })

  it('never parses as a v1 topic, and a v1 topic never parses as a batch topic', () => {
    expect(parseTopic(batchTopic('acme', 'p1')).ok).toBe(false)
    expect(parseBatchTopic('mill/v1/acme/p1/l1/m1/state').ok).toBe(false)
  })

  it.each(['mill/v1/acme/p1/batch/x', 'mill/v1/acme/batch', 'mill/v2/acme/p1/batch', 'mill/v1/Acme/p1/batch', 'mill/v1/acme/p1/batches'])('refuses %s', (topic) => {
    expect(parseBatchTopic(topic).ok).toBe(false)
  })
})

describe('batch message schema', () => {
  it(`takes 1 to ${BATCH_MAX_SAMPLES} samples and refuses 0 and one more`, () => {
    const of = (n: number) => ({ samples: Array.from({ length: n }, (_, i) => sample(i)) })
    expect(batchMessageSchema.safeParse(of(1)).success).toBe(true)
    expect(batchMessageSchema.safeParse(of(BATCH_MAX_SAMPLES)).success).toBe(true)
    expect(batchMessageSchema.safeParse(of(0)).success).toBe(false)
    expect(batchMessageSchema.safeParse(of(BATCH_MAX_SAMPLES + 1)).success).toBe(false)
  })

  it('applies the v1 rules of each channel to a sample (good above total is refused)', () => {
    expect(batchMessageSchema.safeParse({ samples: [{ ...sample(1), good: 2 }] }).success).toBe(false)
    expect(batchMessageSchema.safeParse({ samples: [{ line: 'l', machine: 'm', channel: 'state', ts: 1, state: 'running' }] }).success).toBe(true)
  })

  it('requires the line and machine of every sample', () => {
    const { line: _line, ...noLine } = sample(1)
    expect(batchMessageSchema.safeParse({ samples: [noLine] }).success).toBe(false)
  })
})
