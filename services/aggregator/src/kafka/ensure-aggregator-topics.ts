import { AGGREGATOR_STATE_CONFIG, TOPIC_SPECS } from '@millstream/contract'
import { AppError, sleep } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import type { TaskTopics } from './partition-task.ts'

const DEFAULT_PARTITIONS = { input: 12, live: 6, dlq: 3, anomaly: 3 }

/**
 * Creates the topics the aggregator needs that are missing. The changelog gets as many partitions
 * as the input (partition p keeps the state of input partition p); fewer is a fatal mistake.
 */
export async function ensureAggregatorTopics(kafka: Kafka, topics: TaskTopics): Promise<{ inputPartitions: number }> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const specOf = (name: string, fallback: number) => {
      const spec = TOPIC_SPECS.find((s) => s.topic === name)
      return { numPartitions: spec?.numPartitions ?? fallback, configEntries: spec?.configEntries ?? [] }
    }
    await create(admin, [{ topic: topics.input, ...specOf(topics.input, DEFAULT_PARTITIONS.input) }])
    const inputPartitions = await partitionCount(admin, topics.input)
    await create(admin, [
      { topic: topics.changelog, numPartitions: inputPartitions, configEntries: AGGREGATOR_STATE_CONFIG },
      { topic: topics.live, ...specOf(topics.live, DEFAULT_PARTITIONS.live) },
      { topic: topics.dlq, ...specOf(topics.dlq, DEFAULT_PARTITIONS.dlq) },
      { topic: topics.anomaly, ...specOf(topics.anomaly, DEFAULT_PARTITIONS.anomaly) },
    ])
    const changelogPartitions = await partitionCount(admin, topics.changelog)
    if (changelogPartitions < inputPartitions) {
      throw new AppError(`changelog ${topics.changelog} has ${changelogPartitions} partitions, input ${topics.input} has ${inputPartitions}: add partitions to the changelog`, { code: 'changelog_too_small', retriable: false })
    }
    return { inputPartitions }
  } finally {
    await admin.disconnect()
  }
}

/**
 * Right after a topic is created (here or by another instance starting at the same time) the
 * broker may not serve its metadata yet (UNKNOWN_TOPIC_OR_PARTITION, retriable): ask again.
 */
async function partitionCount(admin: ReturnType<Kafka['admin']>, topic: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length ?? 0
    } catch (err) {
      if (attempt >= 40 || (err as { retriable?: boolean }).retriable !== true) throw err
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

async function create(admin: ReturnType<Kafka['admin']>, specs: { topic: string; numPartitions: number; configEntries: { name: string; value: string }[] }[]): Promise<void> {
  const existing = new Set(await admin.listTopics())
  const missing = specs.filter((s) => !existing.has(s.topic))
  if (missing.length === 0) return
  await admin
    .createTopics({ waitForLeaders: true, topics: missing.map((s) => ({ ...s, replicationFactor: -1 })) })
    .catch((err: unknown) => {
      // Created by another instance a moment ago; or created here, but the broker's metadata does
      // not list it yet (KRaft), which kafkajs' own wait for leaders gives up on: wait below.
      const type = (err as { type?: string }).type
      if (type === 'TOPIC_ALREADY_EXISTS' || type === 'UNKNOWN_TOPIC_OR_PARTITION' || (err as { retriable?: boolean }).retriable === true) return
      throw err
    })
  // Then wait for the leaders as createTopics would have: reading the metadata of a topic without
  // them fails too (two aggregators starting at once).
  await waitForLeaders(admin, missing.map((s) => s.topic))
}

async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ready = await admin
      .fetchTopicMetadata({ topics })
      .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
      .catch(() => false)
    if (ready) return
    if (Date.now() > deadline) throw new AppError(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`, { code: 'topics_not_ready', retriable: true })
    await sleep(200)
  }
}
