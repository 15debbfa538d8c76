import { TOPIC_SPECS, type TopicSpec } from '@millstream/contract'
import type { Kafka } from 'kafkajs'
import { createMissingTopics } from './create-missing-topics.ts'

/**
 * Creates the topics that are missing with their explicit partition counts and configs; topics
 * that exist are left alone. Safe to call from several instances at once.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[] = TOPIC_SPECS): Promise<string[]> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    return await createMissingTopics(admin, specs)
  } finally {
    await admin.disconnect()
  }
}
