/** Kafka topics of the v1 pipeline, with the partition counts and configs they are created with. */
export const KAFKA_TOPICS = {
  telemetry: 'mill.telemetry.v1',
  telemetryDlq: 'mill.telemetry.dlq.v1',
  /** Intervals the aggregator did not count (register discontinuities), with their raw readings. */
  telemetryAnomaly: 'mill.telemetry.anomaly.v1',
  machineMinute: 'mill.machine-minute.v1',
  scores: 'mill.scores.v1',
  /** Firm, cluster and product-family roll-ups of the plant scores, with percentiles (issue 12). */
  scoreRollups: 'mill.score-rollups.v1',
  /** The aggregator's state changelog: compacted, one partition per input partition. */
  aggregatorState: 'mill.aggregator-state.v1',
  /**
   * "The machine hours of this plant and hour were (re)written": sent by the aggregator in the
   * transaction of the step that wrote them, read by its line roll-up stage (issue 13).
   */
  machineHours: 'mill.machine-hours.v1',
  /**
   * The alias table of every Sparkplug B device's last DBIRTH, written by ingest's host and read
   * back when it starts, so DATA queued for it while it was down is understood (docs/sparkplug.md).
   */
  sparkplugBirths: 'mill.sparkplug-births.v1',
} as const
export type KafkaTopicName = (typeof KAFKA_TOPICS)[keyof typeof KAFKA_TOPICS]

export interface TopicSpec {
  topic: string
  numPartitions: number
  configEntries: { name: string; value: string }[]
}

const SEVEN_DAYS_MS = String(7 * 24 * 3600 * 1000)

/**
 * Compacted, rolled and cleaned often: a restore reads the partition from its start, so the
 * uncompacted tail must stay short (docs/aggregator.md).
 */
export const AGGREGATOR_STATE_CONFIG: { name: string; value: string }[] = [
  { name: 'cleanup.policy', value: 'compact' },
  { name: 'segment.ms', value: String(10 * 60 * 1000) },
  { name: 'segment.bytes', value: String(32 * 1024 * 1024) },
  { name: 'min.cleanable.dirty.ratio', value: '0.1' },
  { name: 'max.message.bytes', value: String(8 * 1024 * 1024) },
]
const THIRTY_DAYS_MS = String(30 * 24 * 3600 * 1000)

/**
 * The largest record batch the telemetry and dead-letter topics take (Kafka's `max.message.bytes`
 * applies to a whole batch per partition). Set on the topics, not left to the broker's default,
 * because ingest derives its own bounds from it (issue 10: payload limit, dead-letter record size
 * and Kafka's limit agree by construction; services/ingest/src/record-limits.ts).
 */
export const TELEMETRY_MAX_MESSAGE_BYTES = 1024 * 1024
const telemetryLimit = { name: 'max.message.bytes', value: String(TELEMETRY_MAX_MESSAGE_BYTES) }

/** Default specs; partition counts bound how far consumers can scale out. */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: KAFKA_TOPICS.telemetry, numPartitions: 12, configEntries: [{ name: 'retention.ms', value: SEVEN_DAYS_MS }, telemetryLimit] },
  { topic: KAFKA_TOPICS.telemetryDlq, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }, telemetryLimit] },
  { topic: KAFKA_TOPICS.telemetryAnomaly, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: THIRTY_DAYS_MS }] },
  { topic: KAFKA_TOPICS.machineMinute, numPartitions: 6, configEntries: [{ name: 'retention.ms', value: SEVEN_DAYS_MS }] },
  // Compacted: the latest record per plant and period is the score (issue 12); no time-based deletion.
  { topic: KAFKA_TOPICS.scores, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'min.cleanable.dirty.ratio', value: '0.1' }] },
  // Compacted like the plant scores: the latest roll-up per scope, subject and period stands.
  { topic: KAFKA_TOPICS.scoreRollups, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'min.cleanable.dirty.ratio', value: '0.1' }] },
  // Same partition count as the telemetry topic: partition p holds the state of telemetry partition p.
  { topic: KAFKA_TOPICS.aggregatorState, numPartitions: 12, configEntries: AGGREGATOR_STATE_CONFIG },
  // Keyed by plant: one roll-up stage member sums all lines of a plant. A day is far more than the stage's lag.
  { topic: KAFKA_TOPICS.machineHours, numPartitions: 6, configEntries: [{ name: 'retention.ms', value: String(24 * 3600 * 1000) }] },
  // Compacted: the latest birth per device stands; one partition, read whole by the one host at its start.
  { topic: KAFKA_TOPICS.sparkplugBirths, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'min.cleanable.dirty.ratio', value: '0.1' }] },
]
