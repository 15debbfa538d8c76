import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'
import type { Kafka } from 'kafkajs'

/** A changelog topic's shape, kept beside its records so that a restore recreates it alike. */
export interface TopicManifest {
  topic: string
  partitions: number
  configs: { name: string; value: string }[]
  records: number
}

/** The key under which the backup writes its end marker: the aggregator skips it like its own. */
export const BACKUP_MARKER_KEY = '__restore'

interface Line {
  p: number
  k: string | null
  v: string | null
  t: string
}

/**
 * Copies a topic's committed records (read_committed) into a gzipped JSON-lines file. To know when
 * every partition is read, it first appends an end marker to each (the key the aggregator writes
 * on every start and skips on restore), then reads up to its own markers.
 */
export async function dumpTopic(kafka: Kafka, topic: string, file: string, timeoutMs = 120_000): Promise<TopicManifest> {
  const admin = kafka.admin()
  await admin.connect()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  const consumer = kafka.consumer({ groupId: `millstream-backup.${randomUUID()}`, maxWaitTimeInMs: 100, readUncommitted: false })
  try {
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics
    if (!meta) throw new Error(`topic ${topic} not found`)
    const partitions = meta.partitions.length
    const described = await admin.describeConfigs({ resources: [{ type: 2, name: topic }], includeSynonyms: false })
    const configs = (described.resources[0]?.configEntries ?? []).filter((c) => !c.isDefault && !c.readOnly).map((c) => ({ name: c.configName, value: c.configValue }))
    const marker = randomUUID()
    await producer.connect()
    await producer.send({ topic, acks: -1, messages: Array.from({ length: partitions }, (_, partition) => ({ partition, key: BACKUP_MARKER_KEY, value: marker })) })

    const gzip = createGzip()
    const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }))
    let records = 0
    const done = new Set<number>()
    let finish: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (finish = resolve))
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (done.has(batch.partition)) return
        for (const m of batch.messages) {
          const key = m.key?.toString('utf8') ?? null
          if (key === BACKUP_MARKER_KEY && m.value?.toString('utf8') === marker) {
            done.add(batch.partition)
            break
          }
          const line: Line = { p: batch.partition, k: m.key?.toString('base64') ?? null, v: m.value?.toString('base64') ?? null, t: m.timestamp }
          if (!gzip.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => gzip.once('drain', r))
          records += 1
        }
        if (done.size === partitions) finish()
      },
    })
    let timer: NodeJS.Timeout | undefined
    await Promise.race([finished, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${topic} not read to its end within ${timeoutMs} ms`)), timeoutMs)))]).finally(() => clearTimeout(timer))
    gzip.end()
    await written
    return { topic, partitions, configs, records }
  } finally {
    await consumer.disconnect().catch(() => undefined)
    await producer.disconnect().catch(() => undefined)
    await admin.disconnect().catch(() => undefined)
  }
}

/**
 * Writes a dump back: creates the topic with its partitions and configs (it must not exist, or be
 * empty: a restore never mixes with newer state), then produces every record to its partition, in
 * order, idempotently and acknowledged by all in-sync replicas.
 */
export async function loadTopic(kafka: Kafka, manifest: TopicManifest, file: string, replicationFactor?: number): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  try {
    const existing = await admin.listTopics()
    if (existing.includes(manifest.topic)) {
      const offsets = await admin.fetchTopicOffsets(manifest.topic)
      if (offsets.some((o) => o.high !== o.low)) throw new Error(`topic ${manifest.topic} exists and holds records: delete it first, a restore does not mix with newer state`)
      if (offsets.length !== manifest.partitions) throw new Error(`topic ${manifest.topic} has ${offsets.length} partitions, the backup ${manifest.partitions}`)
    } else {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: manifest.topic, numPartitions: manifest.partitions, ...(replicationFactor ? { replicationFactor } : {}), configEntries: manifest.configs }] })
    }
    await producer.connect()
    let count = 0
    let batch: { partition: number; key: Buffer | null; value: Buffer | null; timestamp: string }[] = []
    const flush = async () => {
      if (batch.length === 0) return
      await producer.send({ topic: manifest.topic, acks: -1, messages: batch })
      count += batch.length
      batch = []
    }
    const lines = createInterface({ input: Readable.from(createReadStream(file).pipe(createGunzip())), crlfDelay: Infinity })
    for await (const text of lines) {
      if (!text) continue
      const l = JSON.parse(text) as Line
      batch.push({ partition: l.p, key: l.k === null ? null : Buffer.from(l.k, 'base64'), value: l.v === null ? null : Buffer.from(l.v, 'base64'), timestamp: l.t })
      if (batch.length >= 1000) await flush()
    }
    await flush()
    if (count !== manifest.records) throw new Error(`restored ${count} records of ${manifest.topic}, the backup holds ${manifest.records}`)
    return count
  } finally {
    await producer.disconnect().catch(() => undefined)
    await admin.disconnect().catch(() => undefined)
  }
}
