import { parseBatchTopic, type RegistryIndex } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import { createBatchHandler } from './batch-handler.ts'
import { deadLetterKey, deadLetterRecord } from './dead-letter.ts'
import type { IngestMetrics } from './ingest-metrics.ts'
import type { KafkaBatcher } from './kafka-batcher.ts'
import { KafkaRecordRefused } from './record-refusal.ts'
import type { MqttMessage } from './mqtt-source.ts'
import { validateMessage, type ValidationLimits } from './validate-message.ts'

export interface MessageHandlerDeps {
  index: RegistryIndex
  limits: ValidationLimits
  batcher: KafkaBatcher
  topics: { telemetry: string; dlq: string }
  metrics: IngestMetrics
  log: Logger
}

/**
 * What ingest does with one MQTT message: validate it, write the record or its dead-letter record
 * to Kafka, and call `done()` (release the PUBACK) once Kafka has it, or `done(err)` to withhold it.
 */
export function createMessageHandler({ index, limits, batcher, topics, metrics, log }: MessageHandlerDeps): (msg: MqttMessage, done: (err?: unknown) => void) => void {
  // A dead-letter record keeps at most as many payload bytes as a valid payload may have.
  const keepPayloadBytes = limits.maxPayloadBytes
  const handleBatch = createBatchHandler({ index, limits, batcher, topics, metrics, log })

  const handle = (msg: MqttMessage, done: (err?: unknown) => void): void => {
    metrics.received.inc()
    if (msg.dup) metrics.redelivered.inc()
    // Contract v1.1: five levels ending in /batch; every other topic is read as v1.
    if (msg.topic.endsWith('/batch')) {
      const plant = parseBatchTopic(msg.topic)
      if (plant.ok) return handleBatch(msg, plant, done)
    }
    const result = validateMessage(msg, index, limits)
    const started = performance.now()
    const settled = (reason: string | undefined) => (err?: unknown) => {
      if (err instanceof KafkaRecordRefused) return refused(msg, result.key, err, reason, done)
      if (err) {
        metrics.kafkaFailures.inc()
        return done(err)
      }
      if (reason === undefined) {
        metrics.produced.inc()
        if (result.ok) metrics.plantRecord(result.record.firm, result.record.plant, msg.receivedAtMs)
      } else metrics.deadLettered.inc({ reason })
      metrics.ackLatency.observe((performance.now() - started) / 1000)
      done()
    }
    if (result.ok) {
      batcher.send(topics.telemetry, { key: result.key, value: JSON.stringify(result.record) }, settled(undefined))
    } else {
      const record = deadLetterRecord({ ...result, mqttTopic: msg.topic, payload: msg.payload, receivedAtMs: msg.receivedAtMs, keepPayloadBytes })
      batcher.send(topics.dlq, { key: deadLetterKey(result.key, msg.topic), value: JSON.stringify(record) }, settled(result.reason))
    }
  }

  /**
   * Kafka refused a record for good (issue 10): dead-letter it as `kafka_rejected` so it cannot hold
   * the stream. A refused dead-letter record is written again without its payload bytes (size and
   * SHA-256 stay); only if Kafka refuses even that is the message left unacknowledged.
   */
  const refused = (msg: MqttMessage, key: string | undefined, err: KafkaRecordRefused, reason: string | undefined, done: (err?: unknown) => void) => {
    metrics.kafkaRefused.inc({ topic: reason === undefined ? 'telemetry' : 'dlq' })
    log.warn({ err, mqttTopic: msg.topic.slice(0, 200), payloadBytes: msg.payload.byteLength, deadLetterReason: reason }, 'kafka refused a record for good: dead-lettering it as kafka_rejected')
    const what = reason === undefined ? 'the telemetry record' : `the dead-letter record (${reason})`
    const record = deadLetterRecord({
      reason: 'kafka_rejected',
      message: `Kafka refused ${what}: ${err.kafkaError}`,
      mqttTopic: msg.topic,
      payload: msg.payload,
      receivedAtMs: msg.receivedAtMs,
      ...(key === undefined ? {} : { key }),
      keepPayloadBytes: reason === undefined ? keepPayloadBytes : 0,
    })
    batcher.send(topics.dlq, { key: deadLetterKey(key, msg.topic), value: JSON.stringify(record) }, (again) => {
      if (again) {
        metrics.kafkaFailures.inc()
        return done(again)
      }
      metrics.deadLettered.inc({ reason: 'kafka_rejected' })
      done()
    })
  }

  return handle
}
