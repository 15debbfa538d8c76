import { readFileSync } from 'node:fs'
import { indexRegistry, KAFKA_TOPICS, type SparkplugEdgeNode, TELEMETRY_TOPIC_FILTER, TOPIC_SPECS, type Registry, type TopicSpec } from '@millstream/contract'
import { createKafka, createPartitionPlanner, ensureTopics, kafkaSecurity, SPARKPLUG_BIRTHS_GROUP_PREFIX } from '@millstream/kafka'
import { backoff, createLifecycle, createMetricsRegistry, sleep, startOpsServer, type Logger, type OpsServer } from '@millstream/runtime'
import type { Producer } from 'kafkajs'
import type { IngestConfig } from './config.ts'
import { createIngestMetrics } from './ingest-metrics.ts'
import { createIngestProducer } from './ingest-producer.ts'
import { createKafkaBatcher } from './kafka-batcher.ts'
import { createMessageHandler } from './message-handler.ts'
import { createMqttSource, type MqttSource } from './mqtt-source.ts'
import { createSparkplugHost } from './sparkplug/sparkplug-host.ts'

export interface IngestDeps {
  config: IngestConfig
  logger: Logger
  registry: Registry
  /** MQTT password of the ingest account. */
  mqttPassword: string
  /** The Sparkplug mapping resolved against `registry` (loadSparkplugMapping); needed when INGEST_SPARKPLUG is on. */
  sparkplugNodes?: ReadonlyMap<string, SparkplugEdgeNode>
}

export interface Ingest {
  start(): Promise<void>
  stop(): Promise<void>
  /** Installs SIGTERM/SIGINT handling; call before start() so a signal during startup drains too. */
  handleSignals(timeoutMs: number): () => void
  readonly opsPort: number
  /** The first MQTT connection (tests read its counters). */
  readonly source: MqttSource
  /** The Sparkplug host's subscribing connection, when INGEST_SPARKPLUG is on. */
  readonly sparkplugSource: MqttSource | undefined
}

/** Starts the bridge: Kafka producer, topics, ops endpoint, then the MQTT subscription. */
export async function startIngest(deps: IngestDeps): Promise<Ingest> {
  const ingest = createIngest(deps)
  await ingest.start()
  return ingest
}

/** Wires the bridge without starting it. */
export function createIngest({ config, logger, registry, mqttPassword, sparkplugNodes }: IngestDeps): Ingest {
  const log = logger.child({ component: 'ingest' })
  const index = indexRegistry(registry)
  const metricsRegistry = createMetricsRegistry()
  const metrics = createIngestMetrics(metricsRegistry)
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.INGEST_CLIENT_ID, logger, security: kafkaSecurity(config) })
  // The batcher's retries ride out a leader election or a broker restart; when they run out the
  // MQTT source reconnects and the broker redelivers (at-least-once; the aggregator drops the
  // duplicates). The producer itself never retries inside a send: see ingest-producer.ts.
  let producerConnected = false
  // Every producer's partitioner reports the topics' partition counts here; the batcher asks it
  // where each record goes, to fill a produce request partition by partition.
  const partitions = createPartitionPlanner()
  const newProducer = (): Producer => {
    const p = createIngestProducer(kafka, partitions.createPartitioner)
    p.on(p.events.CONNECT, () => (producerConnected = p === producer))
    p.on(p.events.DISCONNECT, () => (producerConnected = p === producer ? false : producerConnected))
    return p
  }
  let producer = newProducer()
  let renewing: Promise<void> | undefined
  // One replacement at a time: the batcher and every reconnecting MQTT source may ask at once.
  const renewProducer = (reason: 'refused' | 'failed', err: unknown): Promise<void> =>
    (renewing ??= (async () => {
      const old = producer
      producer = newProducer()
      producerConnected = false
      void old.disconnect().catch((e: unknown) => log.warn({ err: e }, 'disconnecting the replaced producer failed'))
      metrics.producerReplacements.inc({ reason })
      log.warn({ reason, err }, 'replacing the Kafka producer after a failed or refused write')
      await producer.connect()
    })().finally(() => (renewing = undefined)))
  const batcher = createKafkaBatcher({ producer: () => producer, renewProducer, maxBatch: config.INGEST_MAX_BATCH, partitionOf: partitions.partitionOf,
    onBatch: (size) => metrics.batchSize.observe(size),
    onRetry: (size, attempt, err) => {
      metrics.kafkaRetries.inc()
      log.warn({ size, attempt, err }, 'kafka write failed: sending the batch again')
    },
  })
  const topics = { telemetry: config.INGEST_TELEMETRY_TOPIC, dlq: config.INGEST_DLQ_TOPIC }
  const topicSpecs = topicSpecsFor(topics, config.INGEST_SPARKPLUG ? config.INGEST_SPARKPLUG_BIRTHS_TOPIC : undefined)
  const limits = { maxPayloadBytes: config.INGEST_MAX_PAYLOAD_BYTES, maxFutureSkewMs: config.INGEST_MAX_FUTURE_SKEW, minTsMs: config.INGEST_MIN_TS }

  const handle = createMessageHandler({ index, limits, batcher, topics, metrics, log })

  const waitUntilWritable = async (): Promise<void> => {
    for (const delayMs of backoff({ initialMs: 500, maxMs: 10_000 })) {
      try {
        await batcher.restore()
        await producer.connect()
        await ensureTopics(kafka, topicSpecs)
        return
      } catch (err) {
        log.warn({ err, retryInMs: delayMs }, 'kafka not writable yet')
        await sleep(delayMs)
      }
    }
  }

  const subscription = `$share/${config.INGEST_SHARE_GROUP}/${TELEMETRY_TOPIC_FILTER}`
  // Several connections (INGEST_CONNECTIONS) join the same share group, each with its own
  // persistent session, when one connection's packet handling is the bottleneck.
  const sources: MqttSource[] = Array.from({ length: config.INGEST_CONNECTIONS }, (_, i) =>
    createMqttSource({
      url: config.MQTT_URL,
      username: config.MQTT_USERNAME,
      password: mqttPassword,
      clientId: i === 0 ? config.INGEST_CLIENT_ID : `${config.INGEST_CLIENT_ID}-${i}`,
      subscription,
      reconnectPeriodMs: config.INGEST_MQTT_RECONNECT_PERIOD,
      // MQTT carries whole seconds, 1 to 65535.
      keepaliveS: Math.min(65_535, Math.max(1, Math.round(config.INGEST_MQTT_KEEPALIVE / 1000))),
      onSubscription: (event) => metrics.subscription(event),
      sessionExpiryS: Math.round(config.INGEST_SESSION_EXPIRY / 1000),
      maxInFlight: config.INGEST_MAX_INFLIGHT,
      ...(config.MQTT_CA_FILE ? { ca: readFileSync(config.MQTT_CA_FILE) } : {}),
      // From the root logger: a child of `log` would repeat the `component` key (issue 10).
      logger: logger.child({ component: 'mqtt', connection: i }),
      handle,
      waitUntilWritable,
    }),
  )
  const source = sources[0] as MqttSource
  if (config.INGEST_SPARKPLUG && !sparkplugNodes) throw new Error('INGEST_SPARKPLUG is on but no Sparkplug mapping was given')
  const sparkplug = config.INGEST_SPARKPLUG && sparkplugNodes
    ? createSparkplugHost({
        mqtt: {
          url: config.MQTT_URL, username: config.MQTT_USERNAME, password: mqttPassword, clientId: `${config.INGEST_CLIENT_ID}-spb`,
          sessionExpiryS: Math.round(config.INGEST_SESSION_EXPIRY / 1000), maxInFlight: config.INGEST_MAX_INFLIGHT, reconnectPeriodMs: config.INGEST_MQTT_RECONNECT_PERIOD,
          ...(config.MQTT_CA_FILE ? { ca: readFileSync(config.MQTT_CA_FILE) } : {}),
        },
        hostId: config.INGEST_SPARKPLUG_HOST_ID, rebirthIntervalMs: config.INGEST_SPARKPLUG_REBIRTH_INTERVAL, maxMetrics: config.INGEST_SPARKPLUG_MAX_METRICS,
        nodes: sparkplugNodes, index, limits, batcher, topics: { ...topics, births: config.INGEST_SPARKPLUG_BIRTHS_TOPIC }, kafka,
        birthsGroupPrefix: `${SPARKPLUG_BIRTHS_GROUP_PREFIX}${config.INGEST_CLIENT_ID}`, metrics, metricsRegistry, logger, waitUntilWritable,
      })
    : undefined
  if (sparkplug) sources.push(sparkplug.source)
  metricsRegistry.gauge({ name: 'millstream_ingest_mqtt_subscribed_connections', help: 'MQTT connections whose subscription the broker granted (readiness needs all of them)', collect: (g) => g.set(sources.filter((src) => src.subscribed).length) })
  metricsRegistry.gauge({ name: 'millstream_ingest_in_flight_messages', help: 'MQTT messages received and not yet acknowledged', collect: (g) => g.set(sources.reduce((n, src) => n + src.inFlight, 0)) })

  let ops: OpsServer | undefined
  const lifecycle = createLifecycle({ logger })
    .add('kafka-producer', {
      start: async () => {
        await ensureTopics(kafka, topicSpecs)
        await producer.connect()
      },
      stop: () => producer.disconnect(),
    })
    .add('ops-server', {
      start: async () => {
        ops = await startOpsServer({
          port: config.HTTP_PORT,
          host: config.HTTP_HOST,
          logger,
          metrics: metricsRegistry,
          // Ready means subscribed and granted, not merely connected (issue 10).
          readiness: { mqtt: () => sources.every((src) => src.subscribed), kafka: () => producerConnected && batcher.writable },
        })
      },
      stop: () => ops?.stop(),
    })
    .add('mqtt-source', {
      start: async () => {
        await Promise.all(sources.filter((src) => src !== sparkplug?.source).map((src) => src.start()))
        await sparkplug?.start()
      },
      // Drain: stop taking messages, let Kafka confirm what is in flight, send those PUBACKs.
      stop: async () => {
        await Promise.all([...sources.filter((src) => src !== sparkplug?.source).map((src) => src.stop()), sparkplug?.stop()])
        await batcher.drain()
      },
    })
  return {
    start: async () => {
      await lifecycle.start()
      log.info({ subscription, subscribed: sources.every((src) => src.subscribed), maxInFlight: config.INGEST_MAX_INFLIGHT }, 'ingest started')
    },
    stop: () => lifecycle.stop(),
    handleSignals: (timeoutMs) => lifecycle.handleSignals({ timeoutMs }),
    get opsPort() {
      return ops?.port ?? 0
    },
    source,
    sparkplugSource: sparkplug?.source,
  }
}

/** The contract's specs for the two topics ingest writes, under the configured names. */
function topicSpecsFor(topics: { telemetry: string; dlq: string }, births: string | undefined): TopicSpec[] {
  const spec = (name: string) => TOPIC_SPECS.find((s) => s.topic === name) as TopicSpec
  return [
    { ...spec(KAFKA_TOPICS.telemetry), topic: topics.telemetry },
    { ...spec(KAFKA_TOPICS.telemetryDlq), topic: topics.dlq },
    ...(births ? [{ ...spec(KAFKA_TOPICS.sparkplugBirths), topic: births }] : []),
  ]
}
