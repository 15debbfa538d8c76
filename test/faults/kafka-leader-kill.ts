/**
 * Fault harness: writes numbered records through ingest's batcher and producer into a topic
 * replicated on a three-broker cluster (deploy/local/cluster.sh), SIGKILLs the broker that leads
 * the most partitions mid-stream, restarts it, and counts acknowledged records missing from Kafka.
 *
 *   MILLSTREAM_KAFKA_PORT=61092 MILLSTREAM_CLUSTER_DIR=/tmp/kcluster \
 *     bash deploy/local/cluster.sh start kafka-1 kafka-2 kafka-3
 *   MILLSTREAM_KAFKA_PORT=61092 MILLSTREAM_CLUSTER_DIR=/tmp/kcluster [FAULTS=stop,stop,kill] [PRODUCER=kafkajs-retries] \
 *     node --import tsx test/faults/kafka-leader-kill.ts
 */
import { execFileSync } from 'node:child_process'
import { createMissingTopics } from '../../packages/kafka/src/index.ts'
import { Kafka, logLevel } from 'kafkajs'
import { createKafkaBatcher } from '../../services/ingest/src/kafka-batcher.ts'
import { createIngestProducer } from '../../services/ingest/src/ingest-producer.ts'

const port = Number(process.env.MILLSTREAM_KAFKA_PORT ?? 19092)
const brokers = [0, 1, 2].map((i) => `127.0.0.1:${port + 100 * i}`)
const cluster = (...args: string[]) => execFileSync('bash', ['deploy/local/cluster.sh', ...args], { stdio: 'inherit' })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const topic = `leader-kill-${Date.now().toString(36)}`
const PARTITIONS = 12
const DEVICES = 600

const kafka = new Kafka({ brokers, clientId: 'leader-kill', logLevel: logLevel.NOTHING })
const admin = kafka.admin()
await admin.connect()
// The cluster's defaults: replication factor 3, min.insync.replicas 2.
await createMissingTopics(admin, [{ topic, numPartitions: PARTITIONS }])
const leaders = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.map((p) => p.leader)
const victim = [1, 2, 3].sort((a, b) => leaders.filter((l) => l === b).length - leaders.filter((l) => l === a).length)[0]!

// PRODUCER=kafkajs-retries: the settings ingest had before, with kafkajs retrying inside a send.
const newProducer = () =>
  process.env.PRODUCER === 'kafkajs-retries'
    ? kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 30 } })
    : createIngestProducer(kafka)
let producer = newProducer()
await producer.connect()
let failedWrites = 0
let retries = 0
const batcher = createKafkaBatcher({
  producer: () => producer,
  renewProducer: async () => {
    const old = producer
    producer = newProducer()
    void old.disconnect().catch(() => undefined)
    await producer.connect()
  },
  onRetry: () => void retries++,
})

const acked = new Set<string>()
let sent = 0
let stop = false
const writer = (async () => {
  // Keep up to 20,000 records in flight, like ingest's MQTT in-flight window.
  while (!stop) {
    while (sent - acked.size - failedWrites < 20_000 && !stop) {
      const n = sent++
      const value = `d${n % DEVICES}:${n}`
      batcher.send(topic, { key: `d${n % DEVICES}`, value }, (err) => (err ? failedWrites++ : acked.add(value)))
    }
    await sleep(5)
  }
})()

// SIGKILL (the broker vanishes) or SIGTERM (a controlled shutdown: the broker hands its
// leaderships over while it still answers, with NOT_LEADER_OR_FOLLOWER, as in a rolling restart).
for (const signal of (process.env.FAULTS ?? 'kill,stop').split(',')) {
  await sleep(8_000)
  console.log(`${signal} kafka-${victim} (leader of ${leaders.filter((l) => l === victim).length} of ${PARTITIONS} partitions at the start) after ${acked.size} acknowledged`)
  cluster(signal, `kafka-${victim}`)
  await sleep(10_000)
  cluster('start', `kafka-${victim}`)
}
await sleep(10_000)
stop = true
await writer
await batcher.drain()
await producer.disconnect()

const ends = await admin.fetchTopicOffsets(topic)
const total = ends.reduce((n, p) => n + Number(p.high), 0)
const seen = new Set<string>()
const consumer = kafka.consumer({ groupId: `${topic}-check` })
await consumer.connect()
await consumer.subscribe({ topic, fromBeginning: true })
let read = 0
await new Promise<void>((resolve) => {
  void consumer.run({ eachMessage: async ({ message }) => { seen.add(String(message.value)); if (++read >= total) resolve() } })
})
await consumer.disconnect()
await admin.disconnect()
const missing = [...acked].filter((v) => !seen.has(v))
console.log(`sent ${sent}, acknowledged ${acked.size}, failed writes ${failedWrites}, batches sent again ${retries}, records in Kafka ${total} (${seen.size} distinct), acknowledged but missing ${missing.length}`)
process.exit(missing.length === 0 ? 0 : 1)
