import { Kafka, logLevel, type Admin } from 'kafkajs'
import { servers, uniqueName } from './servers.ts'

export function testKafka(): Kafka {
  return new Kafka({ clientId: uniqueName('test'), brokers: servers().kafkaBrokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 15, maxRetryTime: 3000 } })
}

export type Offsets = { partition: number; offset: string }[]

/** The current end of each partition: what a test produces comes after it. */
export async function endOffsets(topic: string, kafka = testKafka()): Promise<Offsets> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    if (!(await admin.listTopics()).includes(topic)) return []
    return (await fetchOffsets(admin, topic)).map((p) => ({ partition: p.partition, offset: p.offset }))
  } finally {
    await admin.disconnect()
  }
}

/** Right after a topic is created, or a broker restarted, leaders may not be known yet: retry. */
async function fetchOffsets(admin: Admin, topic: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic)
    } catch (err) {
      if (attempt >= 40 || !(err as { retriable?: boolean }).retriable) throw err
      await new Promise((r) => setTimeout(r, 250))
    }
  }
}

export interface ConsumedRecord<T> {
  key: string
  value: T
  partition: number
  offset: string
}

/**
 * Reads `topic` from `from` (partitions not listed: from the beginning) until `until` holds or
 * the timeout passes, then `settleMs` longer so that duplicates arriving late are seen too.
 */
export async function consumeFrom<T>(topic: string, from: Offsets, options: { until: (records: ConsumedRecord<T>[]) => boolean; timeoutMs?: number; settleMs?: number; decode?: (value: Buffer) => T[] }): Promise<ConsumedRecord<T>[]> {
  const { until, timeoutMs = 60_000, settleMs = 2_000 } = options
  // A value may hold several items (a device batch record of contract v1.1): `decode` lists them.
  const decode = options.decode ?? ((value: Buffer) => [JSON.parse(String(value)) as T])
  const kafka = testKafka()
  const groupId = uniqueName('test-reader')
  const admin: Admin = kafka.admin()
  await admin.connect()
  const partitions = await fetchOffsets(admin, topic)
  const start = partitions.map((p) => ({ partition: p.partition, offset: from.find((f) => f.partition === p.partition)?.offset ?? p.low }))
  await admin.setOffsets({ groupId, topic, partitions: start })
  await admin.disconnect()

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 })
  const records: ConsumedRecord<T>[] = []
  await consumer.connect()
  await consumer.subscribe({ topic })
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        for (const value of decode(m.value ?? Buffer.alloc(0))) records.push({ key: String(m.key), value, partition: batch.partition, offset: m.offset })
      }
    },
  })
  const deadline = Date.now() + timeoutMs
  while (!until(records) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  await new Promise((r) => setTimeout(r, settleMs))
  await consumer.disconnect()
  return records
}
