import { Kafka, logLevel } from 'kafkajs'
import { afterAll, describe, expect, it } from 'vitest'
import { servers, uniqueName } from '../support/servers.ts'

const kafka = new Kafka({ clientId: 'server-check', brokers: servers().kafkaBrokers.split(','), logLevel: logLevel.NOTHING })
const admin = kafka.admin()

afterAll(async () => {
  await admin.disconnect()
})

describe('the Kafka broker', () => {
  it('creates a topic with the partitions asked for', async () => {
    const topic = uniqueName('check-topic')
    await admin.connect()
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(true)
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
    expect(metadata.topics[0]?.partitions).toHaveLength(3)
  })

  it('delivers what an idempotent producer sends to a consumer group, in order per key', async () => {
    const topic = uniqueName('check-roundtrip')
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const sent = Array.from({ length: 200 }, (_, i) => ({ key: `machine-${i % 5}`, value: String(i) }))
    await producer.send({ topic, acks: -1, messages: sent })
    await producer.disconnect()

    const consumer = kafka.consumer({ groupId: uniqueName('check-group') })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const received: { key: string; value: number }[] = []
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${received.length} of 200 arrived`)), 30_000)
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({ key: String(message.key), value: Number(String(message.value)) })
          if (received.length === sent.length) {
            clearTimeout(timer)
            resolve()
          }
        },
      })
    })
    await consumer.disconnect()
    expect(received).toHaveLength(200)
    for (let k = 0; k < 5; k++) {
      const values = received.filter((r) => r.key === `machine-${k}`).map((r) => r.value)
      expect(values).toEqual([...values].sort((a, b) => a - b))
      expect(values).toHaveLength(40)
    }
  })
})
