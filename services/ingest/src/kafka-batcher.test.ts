import type { Message, Producer } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createKafkaBatcher } from './kafka-batcher.ts'
import { KafkaRecordRefused } from './record-refusal.ts'
import { MAX_BATCH_BYTES, MAX_REQUEST_BYTES } from './record-limits.ts'

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

  it('fills a request partition by partition: past MAX_BATCH_BYTES in all, never on one partition, never past MAX_REQUEST_BYTES', async () => {
    const requests: { topic: string; partition: number | undefined; bytes: number }[][] = []
    const producer = {
      sendBatch: async ({ topicMessages }: { topicMessages: { topic: string; messages: Message[] }[] }) => {
        requests.push(topicMessages.flatMap((t) => t.messages.map((m) => ({ topic: t.topic, partition: m.partition, bytes: String(m.value).length }))))
        return []
      },
    } as unknown as Producer
    // Twelve devices over six partitions of 't', and a topic whose partitions are not known yet.
    const partitionOf = (topic: string, key: Message['key']) => (topic === 't' ? Number(String(key).slice(7)) % 6 : undefined)
    const batcher = createKafkaBatcher({ producer: () => producer, renewProducer: async () => undefined, partitionOf, maxBatch: 5000 })
    const value = 'x'.repeat(20_000)
    const sent = (topic: string, key: string) => new Promise<unknown>((resolve) => batcher.send(topic, { key, value }, (err) => resolve(err ?? 'ok')))
    // Held back until all are queued, so the batcher has to choose.
    const outcomes = await Promise.all([...Array.from({ length: 600 }, (_, i) => sent('t', `device-${i % 12}`)), ...Array.from({ length: 30 }, () => sent('u', 'other'))])
    expect(outcomes.every((o) => o === 'ok')).toBe(true)
    expect(requests.flat()).toHaveLength(630)
    const per = (r: (typeof requests)[number]) => {
      const onPartition = new Map<string, number>()
      for (const m of r) onPartition.set(`${m.topic}/${m.partition}`, (onPartition.get(`${m.topic}/${m.partition}`) ?? 0) + m.bytes)
      const unplaced = onPartition.get('u/undefined') ?? 0
      onPartition.delete('u/undefined')
      return { total: r.reduce((a, m) => a + m.bytes, 0), fullest: Math.max(0, ...onPartition.values()), unplaced }
    }
    for (const r of requests) {
      const { total, fullest, unplaced } = per(r)
      expect(fullest + unplaced).toBeLessThanOrEqual(MAX_BATCH_BYTES)
      expect(total).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
    }
    // The placed records went in requests of more than one partition's worth: 12 MB in fewer than 12 MB / MAX_BATCH_BYTES requests.
    const placed = requests.filter((r) => r.every((m) => m.topic === 't'))
    expect(Math.max(...placed.map((r) => per(r).total))).toBeGreaterThan(2 * MAX_BATCH_BYTES)
    // Each placed record named the partition it was counted on; the others none.
    for (const m of requests.flat()) expect(m.partition === undefined).toBe(m.topic === 'u')
  })

  it('keeps each key in order across the requests it fills', async () => {
    const written: string[] = []
    const producer = {
      sendBatch: async ({ topicMessages }: { topicMessages: { messages: Message[] }[] }) => {
        for (const t of topicMessages) for (const m of t.messages) written.push(`${String(m.key)} ${String(m.value).slice(0, 8)}`)
        return []
      },
    } as unknown as Producer
    const batcher = createKafkaBatcher({ producer: () => producer, renewProducer: async () => undefined, partitionOf: (_t, key) => Number(String(key).slice(1)) % 3 })
    const pad = 'p'.repeat(50_000)
    await Promise.all(Array.from({ length: 300 }, (_, i) => new Promise((resolve) => batcher.send('t', { key: `k${i % 5}`, value: `${String(i).padStart(8, '0')}${pad}` }, resolve))))
    for (let k = 0; k < 5; k++) {
      const ofKey = written.filter((w) => w.startsWith(`k${k} `)).map((w) => Number(w.slice(3)))
      expect(ofKey).toEqual([...ofKey].sort((a, b) => a - b))
      expect(ofKey).toHaveLength(60)
    }
  })
})
