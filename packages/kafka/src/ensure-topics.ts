import { TOPIC_SPECS, type TopicSpec } from '@millstream/contract'
import type { Kafka } from 'kafkajs'

/**
 * Creates the topics that are missing with their explicit partition counts and configs; topics
 * that exist are left alone. Safe to call from several instances at once.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[] = TOPIC_SPECS): Promise<string[]> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const existing = new Set(await admin.listTopics())
    const missing = specs.filter((s) => !existing.has(s.topic))
    if (missing.length === 0) return []
    await admin
      .createTopics({
        waitForLeaders: true,
        // -1: the broker's default.replication.factor (1 on the single profile, 3 on the cluster profile).
        topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.numPartitions, replicationFactor: -1, configEntries: s.configEntries })),
      })
      .catch((err: unknown) => {
        // Another instance may have created them between listTopics and createTopics.
        if ((err as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw err
      })
    return missing.map((s) => s.topic)
  } finally {
    await admin.disconnect()
  }
}
