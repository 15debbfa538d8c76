import { AppError, sleep } from '@millstream/runtime'
import type { Admin } from 'kafkajs'

export interface NewTopic {
  topic: string
  numPartitions: number
  configEntries?: { name: string; value: string }[]
}

/**
 * Creates the topics of `specs` that do not exist and waits until every partition of them has a
 * leader. Safe when several instances start at once: a topic another instance created a moment
 * ago, or one the broker's metadata does not list yet (KRaft answers UNKNOWN_TOPIC_OR_PARTITION
 * and kafkajs' own wait for leaders gives up), is waited for rather than treated as a failure.
 * Returns the topics it found missing.
 */
export async function createMissingTopics(admin: Admin, specs: readonly NewTopic[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics())
  const missing = specs.filter((s) => !existing.has(s.topic))
  if (missing.length === 0) return []
  await admin
    // -1: the broker's default.replication.factor (1 on the single profile, 3 on the cluster profile).
    .createTopics({ waitForLeaders: true, topics: missing.map((s) => ({ ...s, replicationFactor: -1 })) })
    .catch((err: unknown) => {
      const type = (err as { type?: string }).type
      if (type === 'TOPIC_ALREADY_EXISTS' || type === 'UNKNOWN_TOPIC_OR_PARTITION' || (err as { retriable?: boolean }).retriable === true) return
      throw err
    })
  await waitForLeaders(admin, missing.map((s) => s.topic))
  return missing.map((s) => s.topic)
}

/**
 * The partition count of an existing topic. Right after a topic is created (here or by another
 * instance) the broker may not serve its metadata yet (retriable): ask again for up to 10 s.
 */
export async function partitionCount(admin: Admin, topic: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length ?? 0
    } catch (err) {
      if (attempt >= 40 || (err as { retriable?: boolean }).retriable !== true) throw err
      await sleep(250)
    }
  }
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
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
