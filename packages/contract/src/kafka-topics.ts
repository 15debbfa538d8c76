/** Kafka topics of the v1 pipeline, with the partition counts and configs they are created with. */
export const KAFKA_TOPICS = {
  telemetry: 'mill.telemetry.v1',
  telemetryDlq: 'mill.telemetry.dlq.v1',
  machineMinute: 'mill.machine-minute.v1',
  scores: 'mill.scores.v1',
} as const
export type KafkaTopicName = (typeof KAFKA_TOPICS)[keyof typeof KAFKA_TOPICS]

export interface TopicSpec {
  topic: string
  numPartitions: number
  configEntries: { name: string; value: string }[]
}

const SEVEN_DAYS_MS = String(7 * 24 * 3600 * 1000)
const THIRTY_DAYS_MS = String(30 * 24 * 3600 * 1000)

/** Default specs; partition counts bound how far consumers can scale out. */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: KAFKA_TOPICS.telemetry, numPartitions: 12, configEntries: [{ name: 'retention.ms', value: SEVEN_DAYS_MS }] },
  { topic: KAFKA_TOPICS.telemetryDlq, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
  { topic: KAFKA_TOPICS.machineMinute, numPartitions: 6, configEntries: [{ name: 'retention.ms', value: SEVEN_DAYS_MS }] },
  { topic: KAFKA_TOPICS.scores, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
]
