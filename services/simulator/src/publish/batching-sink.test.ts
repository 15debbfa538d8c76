import { describe, expect, it } from 'vitest'
import type { PublishOutcome } from '../report/publish-outcome.ts'
import type { SimMessage } from '../sim/sim-message.ts'
import { createBatchingSink } from './batching-sink.ts'
import type { Sink } from './sink.ts'

const message = (i: number, over: Partial<SimMessage> = {}): SimMessage => ({
  atMs: i, topic: 'mill/v1/acme/p1/weaving/loom-1/count', payload: JSON.stringify({ ts: i, total: i, seq: i }), deviceKey: 'acme/p1/weaving/loom-1', channel: 'count', ts: i, seq: i, kind: 'telemetry', ...over,
})

/** Records what reaches the transport and answers each publish with `outcome`. */
function recordingSink(outcome: PublishOutcome = { kind: 'acked' }) {
  const sent: SimMessage[] = []
  const sink: Sink = { start: async () => undefined, stop: async () => undefined, publish: async (m, settled) => (sent.push(m), settled(outcome)) }
  return { sent, sink }
}

describe('createBatchingSink', () => {
  it('publishes batch messages of batchSize samples on the plant batch topic, each sample addressed by line, machine and channel', async () => {
    const { sent, sink } = recordingSink()
    const batching = createBatchingSink(sink, { firm: 'acme', plant: 'p1', batchSize: 3, maxDelayMs: 60_000 })
    for (let i = 1; i <= 7; i++) await batching.publish(message(i), () => undefined)
    await batching.stop()
    expect(sent.map((m) => m.topic)).toEqual(Array(3).fill('mill/v1/acme/p1/batch'))
    expect(sent.map((m) => (JSON.parse(m.payload) as { samples: unknown[] }).samples.length)).toEqual([3, 3, 1])
    expect(JSON.parse(sent[0]?.payload ?? '').samples[0]).toEqual({ line: 'weaving', machine: 'loom-1', channel: 'count', ts: 1, total: 1, seq: 1 })
  })

  it("settles every sample with its batch's outcome, so the report's totals stay exact", async () => {
    const { sink } = recordingSink({ kind: 'refused', reasonCode: 0x87 })
    const batching = createBatchingSink(sink, { firm: 'acme', plant: 'p1', batchSize: 2, maxDelayMs: 60_000 })
    const outcomes: string[] = []
    for (let i = 1; i <= 5; i++) await batching.publish(message(i), (o) => outcomes.push(o.kind))
    await batching.stop()
    expect(outcomes).toEqual(Array(5).fill('refused'))
  })

  it('publishes what cannot be a sample (not JSON, not a v1 topic) as it is', async () => {
    const { sent, sink } = recordingSink()
    const batching = createBatchingSink(sink, { firm: 'acme', plant: 'p1', batchSize: 10, maxDelayMs: 60_000 })
    await batching.publish(message(1, { payload: '{"ts": 1, "total": ' }), () => undefined)
    await batching.publish(message(2, { topic: 'mill/v1/acme/p1/weaving/loom-1/count/' }), () => undefined)
    expect(sent.map((m) => m.topic)).toEqual(['mill/v1/acme/p1/weaving/loom-1/count', 'mill/v1/acme/p1/weaving/loom-1/count/'])
    await batching.stop()
  })

  it('sends a batch that is not full after maxDelayMs', async () => {
    const { sent, sink } = recordingSink()
    const batching = createBatchingSink(sink, { firm: 'acme', plant: 'p1', batchSize: 100, maxDelayMs: 20 })
    await batching.publish(message(1), () => undefined)
    expect(sent).toHaveLength(0)
    await expect.poll(() => sent.length, { timeout: 2000 }).toBe(1)
    await batching.stop()
  })
})
