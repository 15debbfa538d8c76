import { SPARKPLUG_NAMESPACE, type RegistryIndex, type SparkplugEdgeNode } from '@millstream/contract'
import type { Logger, MetricsRegistry } from '@millstream/runtime'
import type { Kafka } from 'kafkajs'
import type { IngestMetrics } from '../ingest-metrics.ts'
import type { KafkaBatcher } from '../kafka-batcher.ts'
import { createMqttSource, type MqttSource } from '../mqtt-source.ts'
import type { ValidationLimits } from '../validate-message.ts'
import { readBirths } from './birth-store.ts'
import { createNodeSessions } from './node-sessions.ts'
import { createSparkplugCommander } from './sparkplug-commander.ts'
import { createSparkplugHandler, type RebirthWhy } from './sparkplug-handler.ts'
import { createSparkplugMetrics } from './sparkplug-metrics.ts'

export interface SparkplugHostOptions {
  mqtt: { url: string; username: string; password: string; clientId: string; sessionExpiryS: number; maxInFlight: number; reconnectPeriodMs: number; ca?: Buffer }
  hostId: string
  rebirthIntervalMs: number
  maxMetrics: number
  nodes: ReadonlyMap<string, SparkplugEdgeNode>
  index: RegistryIndex
  limits: ValidationLimits
  batcher: KafkaBatcher
  /** `births`: the compacted topic of the devices' alias tables, read at start (docs/sparkplug.md). */
  topics: { telemetry: string; dlq: string; births: string }
  kafka: Kafka
  /** Prefix of the throw-away consumer group that reads the births topic at start. */
  birthsGroupPrefix: string
  metrics: IngestMetrics
  metricsRegistry: MetricsRegistry
  logger: Logger
  waitUntilWritable: () => Promise<void>
  clock?: () => number
}

/**
 * Ingest's Sparkplug B host application (docs/sparkplug.md): one connection subscribed to
 * spBv1.0/# (not shared: seq tracking needs each node's whole stream in order, so one instance is
 * the host), its messages through the same Kafka batcher, dead-letter topic and ack discipline as
 * v1; a second connection for the host's STATE and the rebirth NCMDs.
 */
export function createSparkplugHost(opts: SparkplugHostOptions): { start(): Promise<void>; stop(): Promise<void>; source: MqttSource } {
  const clock = opts.clock ?? Date.now
  const log = opts.logger.child({ component: 'sparkplug' })
  const spMetrics = createSparkplugMetrics(opts.metricsRegistry)
  const commander = createSparkplugCommander({ ...opts.mqtt, clientId: `${opts.mqtt.clientId}-cmd`, hostId: opts.hostId, logger: log })
  const lastRebirthMs = new Map<string, number>()
  const requestRebirth = (node: SparkplugEdgeNode, why: RebirthWhy) => {
    const key = `${node.groupId}/${node.edgeNodeId}`
    const now = clock()
    // One request per node per interval: a node answering slowly must not be flooded with them.
    if (now - (lastRebirthMs.get(key) ?? -Infinity) < opts.rebirthIntervalMs) return spMetrics.rebirthSuppressed.inc()
    lastRebirthMs.set(key, now)
    spMetrics.rebirthRequests.inc({ why })
    log.warn({ node: key, why }, 'requesting a rebirth (NCMD Node Control/Rebirth)')
    commander.rebirth(node)
  }
  const sessions = createNodeSessions()
  const handle = createSparkplugHandler({
    nodes: opts.nodes, sessions, index: opts.index, limits: { ...opts.limits, maxMetrics: opts.maxMetrics },
    batcher: opts.batcher, topics: opts.topics, metrics: opts.metrics, spMetrics, log, requestRebirth,
  })
  const source = createMqttSource({
    ...opts.mqtt,
    subscription: `${SPARKPLUG_NAMESPACE}/#`,
    logger: opts.logger.child({ component: 'mqtt', connection: 'sparkplug' }),
    handle,
    waitUntilWritable: opts.waitUntilWritable,
    acceptQos0: true,
  })
  return {
    async start() {
      // The alias tables of the last births first: DATA the broker queued while the host was down
      // comes before any new birth, and is read with them (a rebirth is asked for all the same).
      const { births } = await readBirths({ kafka: opts.kafka, topic: opts.topics.births, groupPrefix: opts.birthsGroupPrefix, timeoutMs: 60_000, logger: log })
      for (const [node, devices] of births) if (opts.nodes.has(node)) sessions.restore(node, devices)
      await commander.start()
      await source.start()
    },
    async stop() {
      await source.stop()
      await commander.stop()
    },
    source,
  }
}
