import type { Message, Producer } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createKafkaBatcher } from './kafka-batcher.ts'
import { KafkaRecordRefused } from './record-refusal.ts'
import { MAX_BATCH_BYTES } from './record-limits.ts'

/** A producer that refuses, as Kafka does, any request holding a value marked "huge" (non-retriable), and records each request. */
function refusingProducer() {
  const requests: string[][] = []
  const producer = {
    sendBatch: async ({ topicMessages }: { topicMessages: { topic: string; messages: Message[] }[] }) => {
      const values = topicMessages.flatMap((t) => t.messages.map((m) => String(m.value)))
      requests.push(values)
      if (values.some((v) => v.startsWith('huge'))) {
        const cause = Object.assign(new Error('The request included a message larger than the max message size the server will accept'), { type: 'MESSAGE_TOO_LARGE', retriable: false })
        throw Object.assign(new Error('non retriable'), { name: 'KafkaJSNonRetriableError', retriable: false, cause })
      }
      return []
    },
  }
  return { producer: () => producer as unknown as Producer, renewProducer: async () => undefined, requests }
}

const settle = (batcher: ReturnType<typeof createKafkaBatcher>, values: string[]) =>
  Promise.all(values.map((value) => new Promise<unknown>((resolve) => batcher.send('t', { key: 'k', value }, (err) => resolve(err ?? 'ok')))))

describe('kafka batcher', () => {
  it('fails only the record Kafka refuses for good and writes every other one, in order', async () => {
    const { producer, requests } = refusingProducer()
    let renewed = 0
    const batcher = createKafkaBatcher({ producer, renewProducer: async () => void renewed++, maxBatch: 100 })
    const values = Array.from({ length: 40 }, (_, i) => (i === 17 ? 'huge-17' : `v-${i}`))
    const outcomes = await settle(batcher, values)
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(39)
    expect(outcomes[17]).toBeInstanceOf(KafkaRecordRefused)
    expect((outcomes[17] as KafkaRecordRefused).kafkaError).toBe('MESSAGE_TOO_LARGE')
    const written = requests.filter((r) => !r.some((v) => v.startsWith('huge'))).flat()
    expect(written).toEqual(values.filter((v) => !v.startsWith('huge')))
    // A new producer (fresh sequence numbers) after each refused request: one per bisection level.
    expect(renewed).toBe(requests.filter((r) => r.some((v) => v.startsWith('huge'))).length)
  })

  it('fails the whole batch, unacknowledged, when the error outlasts every retry', async () => {
    let calls = 0
    const producer = { sendBatch: async () => (calls++, Promise.reject(Object.assign(new Error('broker gone'), { retriable: true }))) } as unknown as Producer
    const outcomes = await settle(createKafkaBatcher({ producer: () => producer, renewProducer: async () => undefined, retryDelaysMs: [1, 1, 1] }), ['a', 'b'])
    expect(outcomes.map((o) => (o as Error).message)).toEqual(['broker gone', 'broker gone'])
    expect(calls).toBe(4)
  })

  it('sends a failed batch again whole, every partition of it, with a new producer, before acknowledging it', async () => {
    // The first request fails after one broker wrote its part: the retry must carry every record
    // again (kafkajs' own retry resent only to the brokers without an answer, and lost the rest).
    const requests: string[][] = []
    let renewed = 0
    const producer = {
      sendBatch: async ({ topicMessages }: { topicMessages: { messages: Message[] }[] }) => {
        requests.push(topicMessages.flatMap((t) => t.messages.map((m) => String(m.value))))
        if (requests.length === 1) throw Object.assign(new Error('This server is not the leader for that topic-partition'), { type: 'NOT_LEADER_OR_FOLLOWER', retriable: true })
        return []
      },
    } as unknown as Producer
    const retries: number[] = []
    const batcher = createKafkaBatcher({ producer: () => producer, renewProducer: async () => void renewed++, retryDelaysMs: [1, 1], onRetry: (size, attempt) => retries.push(size, attempt) })
    const values = Array.from({ length: 12 }, (_, i) => `v-${i}`)
    expect(await settle(batcher, values)).toEqual(values.map(() => 'ok'))
    expect(requests).toEqual([values, values])
    expect(renewed).toBe(1)
    expect(retries).toEqual([12, 1])
    expect(batcher.writable).toBe(true)
  })

  it('closes a produce request before MAX_BATCH_BYTES', async () => {
    const { producer, renewProducer, requests } = refusingProducer()
    const value = 'x'.repeat(100_000)
    await settle(createKafkaBatcher({ producer, renewProducer, maxBatch: 5000 }), Array.from({ length: 20 }, () => value))
    for (const r of requests) expect(r.length * value.length).toBeLessThanOrEqual(MAX_BATCH_BYTES)
    expect(requests.flat()).toHaveLength(20)
  })
})
