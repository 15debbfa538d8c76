import { indexRegistry, type Registry } from '@millstream/contract'
import { createKafka, kafkaSecurity } from '@millstream/kafka'
import { createLifecycle, createMetricsRegistry, influxBucketsOf, startOpsServer, type Logger, type OpsServer } from '@millstream/runtime'
import { createAggregatorMetrics } from './aggregator-metrics.ts'
import type { AggregatorConfig } from './config.ts'
import { engineOptions } from './engine-options-from-config.ts'
import { createInfluxWriter, type InfluxWriter } from './influx/influx-writer.ts'
import { createAggregatorConsumer, type AggregatorConsumer } from './kafka/aggregator-consumer.ts'
import { ensureAggregatorTopics } from './kafka/ensure-aggregator-topics.ts'
import { createRollupConsumer } from './rollup/rollup-consumer.ts'
import { createStore } from '@millstream/store'

export interface AggregatorDeps {
  config: AggregatorConfig
  logger: Logger
  registry: Registry
  /** Called when the Kafka consumer gives up for good; main exits so a supervisor restarts it. */
  onFatal?: (err: unknown) => void
  /** Wraps the InfluxDB writer of the partition tasks: fault tests make a step fail with it. */
  wrapWriter?: (writer: InfluxWriter) => InfluxWriter
}

export interface Aggregator {
  start(): Promise<void>
  stop(): Promise<void>
  /** Installs SIGTERM/SIGINT handling; call before start() so a signal during startup drains too. */
  handleSignals(timeoutMs: number): () => void
  readonly opsPort: number
  readonly consumer: AggregatorConsumer
}

export async function startAggregator(deps: AggregatorDeps): Promise<Aggregator> {
  const aggregator = createAggregator(deps)
  await aggregator.start()
  return aggregator
}

/** Wires the aggregator without starting it: topics, ops endpoint, then the consumer group member. */
export function createAggregator({ config, logger, registry, onFatal, wrapWriter }: AggregatorDeps): Aggregator {
  const log = logger.child({ component: 'aggregator' })
  const metricsRegistry = createMetricsRegistry()
  const metrics = createAggregatorMetrics(metricsRegistry)
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.AGG_CLIENT_ID, logger, security: kafkaSecurity(config) })
  const influx = createInfluxWriter({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG, buckets: influxBucketsOf(config), timeoutMs: config.AGG_INFLUX_TIMEOUT, batchLines: config.AGG_INFLUX_BATCH_LINES })
  const writer = wrapWriter ? wrapWriter(influx) : influx
  const index = indexRegistry(registry)
  const consumer = createAggregatorConsumer({
    kafka,
    config,
    registry: index,
    options: engineOptions(config),
    writer,
    metrics,
    logger,
    onOutcome: (outcome) => {
      if (outcome !== 'skipped') metrics.records.inc({ outcome })
    },
    onFatal: (err) => {
      log.fatal({ err }, 'kafka consumer stopped for good')
      onFatal?.(err)
    },
  })
  // The line roll-up stage reads machine hours through the store and writes with its own writer.
  const rollup = config.AGG_LINE_ROLLUP
    ? createRollupConsumer({
        kafka,
        topic: config.AGG_MACHINE_HOURS_TOPIC,
        groupId: `${config.AGG_GROUP_ID}.line-rollup`,
        fromBeginning: config.AGG_FROM_BEGINNING,
        sessionTimeoutMs: config.AGG_SESSION_TIMEOUT,
        source: createStore({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG, bucket: config.INFLUX_BUCKET, rollupBucket: config.INFLUX_ROLLUP_BUCKET, timeoutMs: config.AGG_INFLUX_TIMEOUT }),
        writer: createInfluxWriter({ url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG, buckets: influxBucketsOf(config), timeoutMs: config.AGG_INFLUX_TIMEOUT, batchLines: config.AGG_INFLUX_BATCH_LINES }),
        logger,
        knowsPlant: (firm, plant) => index.plant(firm, plant) !== undefined,
        onSkipped: (reason) => metrics.rollupSkipped.inc({ reason }),
        onRolledUp: (count, seconds, delays) => {
          metrics.rollupHours.inc(count)
          metrics.rollupSeconds.observe(seconds)
          for (const d of delays) metrics.rollupDelay.observe(d)
        },
      })
    : undefined
  registerStateGauges(metricsRegistry, consumer)
  let ops: OpsServer | undefined
  const lifecycle = createLifecycle({ logger })
    .add('kafka-topics', { start: async () => void (await ensureAggregatorTopics(kafka, { input: config.AGG_INPUT_TOPIC, changelog: config.AGG_CHANGELOG_TOPIC, live: config.AGG_LIVE_TOPIC, dlq: config.AGG_DLQ_TOPIC, anomaly: config.AGG_ANOMALY_TOPIC, machineHours: config.AGG_MACHINE_HOURS_TOPIC })) })
    .add('ops-server', {
      start: async () => {
        ops = await startOpsServer({
          port: config.HTTP_PORT,
          host: config.HTTP_HOST,
          logger,
          metrics: metricsRegistry,
          readiness: {
            started: () => lifecycle.state === 'started',
            kafka: () => (consumer.joined ? true : { ok: false, reason: 'not a member of the consumer group' }),
            influxdb: () => (consumer.influxOk ? true : { ok: false, reason: 'the last InfluxDB write failed; retrying' }),
          },
        })
      },
      stop: async () => ops?.stop(),
    })
    .add('consumer', { start: () => consumer.start(), stop: () => consumer.stop() })
    .add('line-rollup', { start: async () => rollup?.start(), stop: async () => rollup?.stop() })
  return {
    start: async () => {
      await lifecycle.start()
      log.info({ group: config.AGG_GROUP_ID, input: config.AGG_INPUT_TOPIC, buckets: influxBucketsOf(config), latenessMs: config.AGG_ALLOWED_LATENESS }, 'aggregator started')
    },
    stop: () => lifecycle.stop(),
    handleSignals: (timeoutMs) => lifecycle.handleSignals({ timeoutMs }),
    get opsPort() {
      return ops?.port ?? 0
    },
    consumer,
  }
}

function registerStateGauges(registry: ReturnType<typeof createMetricsRegistry>, consumer: AggregatorConsumer): void {
  registry.gauge({
    name: 'millstream_aggregator_consumer_lag_messages',
    help: 'Input records not yet read, per owned partition (checked every 2 s)',
    labelNames: ['partition'] as const,
    collect: (g) => {
      g.reset()
      for (const [partition, lag] of consumer.lag()) g.set({ partition: String(partition) }, lag)
    },
  })
  const sum = (pick: (s: { devices: number; openMinutes: number; pendingPoints: number }) => number) =>
    consumer.tasks().reduce((n, t) => n + (t.engine ? pick(t.engine.stats()) : 0), 0)
  registry.gauge({ name: 'millstream_aggregator_partitions_owned', help: 'Input partitions this instance owns', collect: (g) => g.set(consumer.tasks().length) })
  registry.gauge({ name: 'millstream_aggregator_devices', help: 'Devices with state in the owned partitions', collect: (g) => g.set(sum((s) => s.devices)) })
  registry.gauge({ name: 'millstream_aggregator_windows_open', help: 'Device-minutes written but not final (late data may still correct them)', collect: (g) => g.set(sum((s) => s.openMinutes)) })
  registry.gauge({ name: 'millstream_aggregator_pending_points', help: 'Points computed and not yet committed', collect: (g) => g.set(sum((s) => s.pendingPoints)) })
}
