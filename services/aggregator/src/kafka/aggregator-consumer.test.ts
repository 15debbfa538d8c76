import { indexRegistry } from '@millstream/contract'
import { createLogger, createMetricsRegistry, loadConfig } from '@millstream/runtime'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { Kafka, logLevel, type ConsumerConfig } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createAggregatorMetrics } from '../aggregator-metrics.ts'
import { aggregatorConfigSchema } from '../config.ts'
import { engineOptions } from '../engine-options-from-config.ts'
import type { InfluxWriter } from '../influx/influx-writer.ts'
import { createAggregatorConsumer } from './aggregator-consumer.ts'

const base = { KAFKA_BROKERS: '127.0.0.1:9092', INFLUX_URL: 'http://127.0.0.1:8086', INFLUX_TOKEN: 'x', INFLUX_ORG: 'o', INFLUX_BUCKET: 'b' }

/** The options the aggregator gives kafkajs's consumer; the consumer is kafkajs's own, never connected. */
function consumerOptions(env: Record<string, string>): ConsumerConfig {
  const config = loadConfig(aggregatorConfigSchema, { ...base, ...env })
  const kafka = new Kafka({ clientId: 'test', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING })
  const seen: ConsumerConfig[] = []
  const watched = Object.create(kafka, { consumer: { value: (options: ConsumerConfig) => (seen.push(options), kafka.consumer(options)) } }) as Kafka
  createAggregatorConsumer({
    kafka: watched,
    config,
    registry: indexRegistry(loadRegistry(TEST_REGISTRY_PATH)),
    options: engineOptions(config),
    writer: {} as InfluxWriter,
    metrics: createAggregatorMetrics(createMetricsRegistry({ processMetrics: false })),
    logger: createLogger({ name: 'test', level: 'silent' }),
    onOutcome: () => {},
    onFatal: () => {},
  })
  expect(seen).toHaveLength(1)
  return seen[0] as ConsumerConfig
}

describe('the aggregator consumer', () => {
  it("fetches as configured: AGG_FETCH_PARTITION_BYTES and AGG_FETCH_BYTES reach kafkajs's consumer", () => {
    expect(consumerOptions({})).toMatchObject({ maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 48 * 1024 * 1024, readUncommitted: false })
    expect(consumerOptions({ AGG_FETCH_PARTITION_BYTES: '1048576', AGG_FETCH_BYTES: '10485760' })).toMatchObject({ maxBytesPerPartition: 1_048_576, maxBytes: 10_485_760 })
  })

  it('joins the configured group with its session timeout', () => {
    expect(consumerOptions({ AGG_GROUP_ID: 'agg-test', AGG_SESSION_TIMEOUT: '45s' })).toMatchObject({ groupId: 'agg-test', sessionTimeout: 45_000, heartbeatInterval: 4_500 })
  })
})
