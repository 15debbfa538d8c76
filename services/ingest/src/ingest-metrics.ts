import type { MetricsRegistry } from '@millstream/runtime'

export function createIngestMetrics(registry: MetricsRegistry) {
  return {
    received: registry.counter({ name: 'millstream_ingest_received_total', help: 'MQTT messages received (redeliveries included)' }),
    redelivered: registry.counter({ name: 'millstream_ingest_redelivered_total', help: 'MQTT messages received with the DUP flag' }),
    produced: registry.counter({ name: 'millstream_ingest_produced_total', help: 'Valid records acknowledged by Kafka' }),
    deadLettered: registry.counter({ name: 'millstream_ingest_dead_lettered_total', help: 'Rejected messages acknowledged by Kafka on the dead-letter topic', labelNames: ['reason'] as const }),
    kafkaFailures: registry.counter({ name: 'millstream_ingest_kafka_failures_total', help: 'Kafka writes that failed (their MQTT messages were not acknowledged)' }),
    ackLatency: registry.histogram({
      name: 'millstream_ingest_receive_to_kafka_ack_seconds',
      help: 'From MQTT receipt to Kafka acknowledgement',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    batchSize: registry.histogram({ name: 'millstream_ingest_kafka_batch_messages', help: 'Messages per Kafka produce request', buckets: [1, 10, 50, 100, 500, 1000, 2000, 5000] }),
  }
}
export type IngestMetrics = ReturnType<typeof createIngestMetrics>
