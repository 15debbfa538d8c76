import type { MetricsRegistry } from '@millstream/runtime'
import type { SubscriptionEvent } from './mqtt-source.ts'

export function createIngestMetrics(registry: MetricsRegistry) {
  const subscriptionRefused = registry.counter({ name: 'millstream_ingest_subscription_refused_total', help: 'SUBACKs that did not grant the subscription at QoS 1 (the connection receives nothing: check the broker ACL)' })
  const subscriptionLost = registry.counter({ name: 'millstream_ingest_subscription_lost_total', help: 'Granted subscriptions lost with their MQTT connection (broker restart, network, Kafka failure)' })
  const connackToSuback = registry.histogram({
    name: 'millstream_ingest_connack_to_suback_seconds',
    help: 'From CONNACK to the SUBACK that granted the subscription: part of the window in which the broker answers publishes with PUBACK 16',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  })
  // A plant gone silent is the alert operators ask for first (issue 17): the hot path only
  // stores a number per plant; the labelled series are built at scrape time.
  const plantLastRecordMs = new Map<string, number>()
  registry.gauge({
    name: 'millstream_ingest_plant_last_record_timestamp_seconds',
    help: 'Receipt time (Unix seconds) of the newest valid record of the plant that Kafka acknowledged on this instance, by firm and plant',
    labelNames: ['firm', 'plant'] as const,
    collect: (g) => {
      g.reset()
      for (const [key, ms] of plantLastRecordMs) {
        const [firm = '', plant = ''] = key.split('/')
        g.set({ firm, plant }, ms / 1000)
      }
    },
  })
  return {
    received: registry.counter({ name: 'millstream_ingest_received_total', help: 'MQTT messages received (redeliveries included)' }),
    redelivered: registry.counter({ name: 'millstream_ingest_redelivered_total', help: 'MQTT messages received with the DUP flag' }),
    produced: registry.counter({ name: 'millstream_ingest_produced_total', help: 'Valid samples acknowledged by Kafka (a v1 message is one; a batch or a Sparkplug DATA counts each of its samples)' }),
    deadLettered: registry.counter({ name: 'millstream_ingest_dead_lettered_total', help: 'Rejected messages acknowledged by Kafka on the dead-letter topic', labelNames: ['reason'] as const }),
    kafkaRetries: registry.counter({ name: 'millstream_ingest_kafka_retries_total', help: 'Kafka produce requests sent again whole after a failure (leader election, broker restart)' }),
    kafkaFailures: registry.counter({ name: 'millstream_ingest_kafka_failures_total', help: 'Kafka writes that failed (their MQTT messages were not acknowledged)' }),
    producerReplacements: registry.counter({ name: 'millstream_ingest_producer_replacements_total', help: 'Kafka producers replaced after a refused record or a failed write', labelNames: ['reason'] as const }),
    kafkaRefused: registry.counter({ name: 'millstream_ingest_kafka_refused_records_total', help: 'Records Kafka refused for good (e.g. MESSAGE_TOO_LARGE), dead-lettered as kafka_rejected', labelNames: ['topic'] as const }),
    ackLatency: registry.histogram({
      name: 'millstream_ingest_receive_to_kafka_ack_seconds',
      help: 'From MQTT receipt to Kafka acknowledgement',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    batchSize: registry.histogram({ name: 'millstream_ingest_kafka_batch_messages', help: 'Messages per Kafka produce request', buckets: [1, 10, 50, 100, 500, 1000, 2000, 5000] }),
    plantRecord(firm: string, plant: string, atMs: number): void {
      plantLastRecordMs.set(`${firm}/${plant}`, atMs)
    },
    subscription(event: SubscriptionEvent): void {
      if (event.kind === 'granted') connackToSuback.observe(event.sinceConnackMs / 1000)
      else if (event.kind === 'refused') subscriptionRefused.inc()
      else subscriptionLost.inc()
    },
  }
}
export type IngestMetrics = ReturnType<typeof createIngestMetrics>
