import { AGGREGATOR_STATE_CONFIG, TOPIC_SPECS } from '@millstream/contract'
import { createMissingTopics, partitionCount } from '@millstream/kafka'
import { AppError } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import type { TaskTopics } from './partition-task.ts'

const DEFAULT_PARTITIONS = { input: 12, live: 6, dlq: 3, anomaly: 3, machineHours: 6 }

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
    await createMissingTopics(admin, [{ topic: topics.input, ...specOf(topics.input, DEFAULT_PARTITIONS.input) }])
    const inputPartitions = await partitionCount(admin, topics.input)
    await createMissingTopics(admin, [
      { topic: topics.changelog, numPartitions: inputPartitions, configEntries: AGGREGATOR_STATE_CONFIG },
      { topic: topics.live, ...specOf(topics.live, DEFAULT_PARTITIONS.live) },
      { topic: topics.dlq, ...specOf(topics.dlq, DEFAULT_PARTITIONS.dlq) },
      { topic: topics.anomaly, ...specOf(topics.anomaly, DEFAULT_PARTITIONS.anomaly) },
      { topic: topics.machineHours, ...specOf(topics.machineHours, DEFAULT_PARTITIONS.machineHours) },
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
