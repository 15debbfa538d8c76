import { indexRegistry, type DeadLetterRecord } from '@millstream/contract'
import { createLogger, createMetricsRegistry } from '@millstream/runtime'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { createBatchHandler } from './batch-handler.ts'
import { createIngestMetrics } from './ingest-metrics.ts'
import type { KafkaBatcher, Settled } from './kafka-batcher.ts'
import { KafkaRecordRefused } from './record-refusal.ts'

const TOPIC = 'mill/v1/test-firm/test-plant/batch'
const now = Date.now()
const sample = (machine: string, seq: number) => ({ line: machine.startsWith('loom') ? 'weaving' : 'spinning', machine, channel: 'count', ts: now - 1000, total: seq, seq })

/** Holds every send until the test settles it: Kafka's acknowledgements, in the test's hands. */
function heldBatcher() {
  const sent: { topic: string; key: string; value: string; settled: Settled }[] = []
  const send: KafkaBatcher['send'] = (topic, m, settled) => void sent.push({ topic, key: String(m.key), value: String(m.value), settled })
  const batcher = { send } as unknown as KafkaBatcher
  return { batcher, sent }
}

function handlerWith(batcher: KafkaBatcher) {
  const index = indexRegistry(loadRegistry(TEST_REGISTRY_PATH))
  const limits = { maxPayloadBytes: 16_384, maxFutureSkewMs: 300_000, minTsMs: Date.parse('2020-01-01T00:00:00Z') }
  const metrics = createIngestMetrics(createMetricsRegistry({ processMetrics: false }))
  const handle = createBatchHandler({ index, limits, batcher, topics: { telemetry: 'tel', dlq: 'dlq' }, metrics, log: createLogger({ name: 'test', level: 'silent' }) })
  const outcomes: unknown[] = []
  const publish = (samples: unknown[]) => handle({ topic: TOPIC, payload: Buffer.from(JSON.stringify({ samples })), dup: false, receivedAtMs: now }, { firm: 'test-firm', plant: 'test-plant' }, (err) => outcomes.push(err ?? 'acked'))
  return { publish, outcomes }
}

describe('batch handler', () => {
  it('acknowledges the batch only once Kafka has every device record and every dead-letter record of it', () => {
    const { batcher, sent } = heldBatcher()
    const { publish, outcomes } = handlerWith(batcher)
    publish([sample('loom-01', 1), sample('loom-02', 1), { ...sample('loom-01', 2), total: -1 }, sample('loom-01', 3)])
    expect(sent.map((s) => [s.topic, s.key])).toEqual([['tel', 'test-firm/test-plant/weaving/loom-01'], ['tel', 'test-firm/test-plant/weaving/loom-02'], ['dlq', 'test-firm/test-plant/weaving/loom-01']])
    expect((JSON.parse(sent[2]?.value ?? '') as DeadLetterRecord).batchIndex).toBe(2)
    for (const s of sent.slice(0, 2)) s.settled()
    expect(outcomes).toEqual([])
    sent[2]?.settled()
    expect(outcomes).toEqual(['acked'])
  })

  it('withholds the acknowledgement on the first failed write, once', () => {
    const { batcher, sent } = heldBatcher()
    const { publish, outcomes } = handlerWith(batcher)
    publish([sample('loom-01', 1), sample('loom-02', 1)])
    sent[0]?.settled(new Error('broker gone'))
    sent[1]?.settled()
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toBeInstanceOf(Error)
  })

  it('dead-letters as kafka_rejected a device record Kafka refuses for good, and then acknowledges', () => {
    const { batcher, sent } = heldBatcher()
    const { publish, outcomes } = handlerWith(batcher)
    publish([sample('loom-01', 1), sample('loom-01', 2)])
    sent[0]?.settled(new KafkaRecordRefused('MESSAGE_TOO_LARGE', { cause: undefined }))
    expect(sent[1]?.topic).toBe('dlq')
    expect((JSON.parse(sent[1]?.value ?? '') as DeadLetterRecord).reason).toBe('kafka_rejected')
    expect(outcomes).toEqual([])
    sent[1]?.settled()
    expect(outcomes).toEqual(['acked'])
  })

  it('dead-letters a malformed batch as one record and acknowledges it after Kafka has it', () => {
    const { batcher, sent } = heldBatcher()
    const { publish, outcomes } = handlerWith(batcher)
    publish('not samples' as unknown as unknown[])
    expect(sent).toHaveLength(1)
    const record = JSON.parse(sent[0]?.value ?? '') as DeadLetterRecord
    expect([record.reason, record.batchIndex]).toEqual(['schema_violation', undefined])
    expect(outcomes).toEqual([])
    sent[0]?.settled()
    expect(outcomes).toEqual(['acked'])
  })
})
