import { deviceKey, encodeTelemetryValue, type RegistryIndex, type RejectionCode, type SparkplugEdgeNode, type TelemetryRecord } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import { deadLetterKey, deadLetterRecord } from '../dead-letter.ts'
import type { IngestMetrics } from '../ingest-metrics.ts'
import type { KafkaBatcher } from '../kafka-batcher.ts'
import type { MqttMessage } from '../mqtt-source.ts'
import { KafkaRecordRefused } from '../record-refusal.ts'
import type { ValidationLimits } from '../validate-message.ts'
import { birthRecord } from './birth-store.ts'
import { deathRecords, deviceRecords, type DeathRecordsInput } from './device-records.ts'
import type { NodeSessions, SessionStep } from './node-sessions.ts'
import { decodeSparkplugPayload, type SparkplugPayload } from './sparkplug-payload-decode.ts'
import type { SparkplugMetrics } from './sparkplug-metrics.ts'
import { parseSparkplugTopic } from './sparkplug-topic.ts'

export type RebirthWhy = 'no_birth' | 'unknown_alias' | 'seq_gap' | 'restored'

export interface SparkplugHandlerDeps {
  nodes: ReadonlyMap<string, SparkplugEdgeNode>
  sessions: NodeSessions
  index: RegistryIndex
  limits: ValidationLimits & { maxMetrics: number }
  batcher: KafkaBatcher
  /** `births`: each DBIRTH's alias table, read back when the host starts (birth-store.ts). */
  topics: { telemetry: string; dlq: string; births: string }
  metrics: IngestMetrics
  spMetrics: SparkplugMetrics
  log: Logger
  /** Asks the node for its births again (rate-limited by the caller). */
  requestRebirth: (node: SparkplugEdgeNode, why: RebirthWhy) => void
}

/** `record` and `samples`: a telemetry record's first sample (for the plant's metrics) and how many it holds. */
type Send = { topic: string; key: string; value: string; reason?: RejectionCode; record?: TelemetryRecord; samples?: number }

/**
 * The Sparkplug B host's handling of one message: session bookkeeping, then at most one telemetry
 * record per device (encodeTelemetryValue) and a dead-letter record per problem. `done()` waits for
 * Kafka to have every one of them, as for a v1 message.
 */
export function createSparkplugHandler(deps: SparkplugHandlerDeps): (msg: MqttMessage, done: (err?: unknown) => void) => void {
  const { nodes, sessions, spMetrics, log } = deps
  return (msg, done) => {
    deps.metrics.received.inc()
    const sends: Send[] = []
    const reject = (reason: RejectionCode, message: string, key?: string) => {
      const record = deadLetterRecord({ reason, message, mqttTopic: msg.topic, payload: msg.payload, receivedAtMs: msg.receivedAtMs, keepPayloadBytes: deps.limits.maxPayloadBytes, ...(key ? { key } : {}) })
      sends.push({ topic: deps.topics.dlq, key: deadLetterKey(key, msg.topic), value: JSON.stringify(record), reason })
    }
    const topic = parseSparkplugTopic(msg.topic)
    if (!topic.ok) reject('sparkplug_topic', topic.message)
    else if (topic.kind === 'message' && topic.type !== 'NCMD' && topic.type !== 'DCMD') {
      spMetrics.messages.inc({ type: topic.type })
      const nodeKey = `${topic.groupId}/${topic.edgeNodeId}`
      const node = nodes.get(nodeKey)
      const decoded = node ? decodeSparkplugPayload(msg.payload, { maxBytes: deps.limits.maxPayloadBytes, maxMetrics: deps.limits.maxMetrics }) : undefined
      if (!node) reject('sparkplug_unmapped', `edge node ${nodeKey.slice(0, 200)} is not mapped to a plant`)
      else if (!decoded?.ok) reject('sparkplug_undecodable', decoded?.message ?? '')
      else {
        const payload = decoded.payload
        const rebirth = (step: SessionStep, on: string) => {
          if (!step.ok) {
            reject('sparkplug_no_birth', `${topic.type} of ${on} before its ${step.why === 'no_node_birth' ? 'NBIRTH' : 'DBIRTH'}`)
            deps.requestRebirth(node, 'no_birth')
          } else if (step.seq.gap) {
            spMetrics.seqGaps.inc()
            log.warn({ node: nodeKey, expected: step.seq.expected, got: step.seq.got, type: topic.type }, 'sparkplug seq gap: requesting a rebirth')
            deps.requestRebirth(node, 'seq_gap')
          } else if (step.restored) {
            // Read with the aliases of its last birth before the restart; a birth now confirms them.
            deps.requestRebirth(node, 'restored')
          }
          return step.ok ? step : undefined
        }
        const device = topic.deviceId === undefined ? undefined : node.devices.get(topic.deviceId)
        if (topic.deviceId !== undefined && !device) reject('sparkplug_unmapped', `device ${topic.deviceId.slice(0, 120)} of edge node ${nodeKey} is not mapped to a machine`)
        switch (topic.type) {
          case 'NBIRTH':
            sessions.nodeBirth(nodeKey, payload)
            log.info({ node: nodeKey, seq: payload.seq }, 'sparkplug edge node born')
            break
          case 'NDEATH': {
            const { ended, devices } = sessions.nodeDeath(nodeKey, payload)
            if (!ended) spMetrics.staleDeaths.inc()
            else {
              spMetrics.deaths.inc({ scope: 'node' })
              log.warn({ node: nodeKey, firm: node.firm, plant: node.plant, devices: devices.length }, 'sparkplug edge node died: its machines are unknown until it is born again')
              // The will was written at connect time: its timestamp says nothing of the death, so the host's receipt time does.
              const died = devices.flatMap((id) => node.devices.get(id) ?? [])
              deathData({ deps, sends, reject, death: { devices: died, scope: 'node', tsMs: msg.receivedAtMs, receivedAtMs: msg.receivedAtMs } })
            }
            break
          }
          case 'NDATA':
            rebirth(sessions.data(nodeKey, undefined, payload), nodeKey)
            break
          case 'DDEATH': {
            if (topic.deviceId === undefined) break
            if (rebirth(sessions.deviceDeath(nodeKey, topic.deviceId, payload), `${nodeKey}/${topic.deviceId}`)) {
              spMetrics.deaths.inc({ scope: 'device' })
              log.warn({ node: nodeKey, device: topic.deviceId }, 'sparkplug device died: its machine is unknown until it is born again')
              // A DDEATH comes from the live node: its timestamp is on the clock of the device's data.
              const death = { devices: device ? [device] : [], scope: 'device' as const, tsMs: payload.timestampMs ?? msg.receivedAtMs, receivedAtMs: msg.receivedAtMs }
              deathData({ deps, sends, reject, death })
            }
            break
          }
          case 'DBIRTH':
          case 'DDATA': {
            if (topic.deviceId === undefined) break
            // An unmapped device was dead-lettered above; its message still counts in the node's seq.
            if (!device) {
              sessions.data(nodeKey, undefined, payload)
              break
            }
            const step = topic.type === 'DBIRTH' ? sessions.deviceBirth(nodeKey, topic.deviceId, payload) : sessions.data(nodeKey, topic.deviceId, payload)
            const live = rebirth(step, `${nodeKey}/${topic.deviceId}`)
            if (live && topic.type === 'DBIRTH') sends.push({ topic: deps.topics.births, ...birthRecord(node, topic.deviceId, live.aliases, msg.receivedAtMs) })
            if (live) deviceData({ deps, device, payload, aliases: live.aliases, receivedAtMs: msg.receivedAtMs, sends, reject, onUnknownAlias: () => deps.requestRebirth(node, 'unknown_alias') })
          }
        }
      }
    }
    sendAll(deps, msg, sends, done)
  }
}

function deviceData(a: {
  deps: SparkplugHandlerDeps
  device: NonNullable<ReturnType<SparkplugEdgeNode['devices']['get']>>
  payload: SparkplugPayload
  aliases: ReadonlyMap<number, string>
  receivedAtMs: number
  sends: Send[]
  reject: (reason: RejectionCode, message: string, key?: string) => void
  onUnknownAlias: () => void
}): void {
  const key = deviceKey(a.device)
  const named: { name: string; metric: SparkplugPayload['metrics'][number] }[] = []
  const unknown: string[] = []
  for (const metric of a.payload.metrics) {
    const name = metric.name ?? (metric.alias === undefined ? undefined : a.aliases.get(metric.alias))
    if (name !== undefined) named.push({ name, metric })
    else unknown.push(String(metric.alias ?? '(no name, no alias)'))
  }
  if (unknown.length > 0) {
    a.reject('sparkplug_unknown_alias', `${key}: aliases ${unknown.slice(0, 20).join(', ')} were not declared in the DBIRTH`, key)
    a.onUnknownAlias()
  }
  const result = deviceRecords({ device: a.device, key, metrics: named, payloadTimestampMs: a.payload.timestampMs, receivedAtMs: a.receivedAtMs, index: a.deps.index, limits: a.deps.limits })
  if (result.ignored > 0) a.deps.spMetrics.ignoredMetrics.inc(result.ignored)
  for (const r of result.rejections) a.reject(r.reason, r.message, key)
  if (result.records.length > 0) a.sends.push({ topic: a.deps.topics.telemetry, key, value: encodeTelemetryValue(result.records), record: result.records[0] as TelemetryRecord, samples: result.records.length })
}

/** The `unknown` state records of a death, one Kafka record per machine, keyed by it. */
function deathData(a: { deps: SparkplugHandlerDeps; sends: Send[]; reject: (reason: RejectionCode, message: string, key?: string) => void; death: Omit<DeathRecordsInput, 'index' | 'limits'> }): void {
  const result = deathRecords({ ...a.death, index: a.deps.index, limits: a.deps.limits })
  for (const r of result.rejections) a.reject(r.reason, r.message)
  for (const record of result.records) a.sends.push({ topic: a.deps.topics.telemetry, key: deviceKey(record), value: encodeTelemetryValue([record]), record, samples: 1 })
}

/** Writes every record of the message and calls `done` once Kafka has all of them (or on the first failure). */
function sendAll(deps: SparkplugHandlerDeps, msg: MqttMessage, sends: Send[], done: (err?: unknown) => void): void {
  let open = sends.length
  let failed = false
  if (open === 0) return done()
  for (const s of sends) {
    const settle = (err?: unknown) => {
      if (failed) return
      if (err) {
        failed = true
        deps.metrics.kafkaFailures.inc()
        return done(err)
      }
      if (s.reason) deps.metrics.deadLettered.inc({ reason: s.reason })
      else if (s.record) {
        deps.metrics.produced.inc(s.samples ?? 1)
        deps.metrics.plantRecord(s.record.firm, s.record.plant, msg.receivedAtMs)
      }
      if (--open === 0) done()
    }
    deps.batcher.send(s.topic, { key: s.key, value: s.value }, (err) => {
      if (!(err instanceof KafkaRecordRefused)) return settle(err)
      // Refused for good (too large for Kafka): say so on the dead-letter topic, bytes left out.
      const record = deadLetterRecord({ reason: 'kafka_rejected', message: `Kafka refused a Sparkplug record: ${err.kafkaError}`, mqttTopic: msg.topic, payload: msg.payload, receivedAtMs: msg.receivedAtMs, keepPayloadBytes: 0, key: s.key })
      s.reason = 'kafka_rejected'
      deps.batcher.send(deps.topics.dlq, { key: deadLetterKey(s.key, msg.topic), value: JSON.stringify(record) }, settle)
    })
  }
}
