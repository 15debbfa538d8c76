import { encodeTelemetryValueBytes, type RegistryIndex } from '@millstream/contract'
import { deadLetterKey, deadLetterRecord } from './dead-letter.ts'
import type { MessageHandlerDeps } from './message-handler.ts'
import type { MqttMessage } from './mqtt-source.ts'
import { KafkaRecordRefused } from './record-refusal.ts'
import { validateBatch } from './validate-batch.ts'

type Done = (err?: unknown) => void

/**
 * What ingest does with one contract v1.1 batch message of the plant in its topic: every sample is
 * validated on its own; the good ones go to Kafka as ONE record per device (encodeTelemetryValueBytes,
 * keyed by device like v1, so per-device order holds), each bad one to the dead-letter topic with
 * its reason and its index in the batch. `done()` (the PUBACK) waits for every one of those
 * records; the first failure withholds it (`done(err)`) and the broker redelivers the whole batch.
 */
export function createBatchHandler({ index, limits, batcher, topics, metrics, log }: MessageHandlerDeps & { index: RegistryIndex }) {
  const keepPayloadBytes = limits.maxPayloadBytes

  return (msg: MqttMessage, plant: { firm: string; plant: string }, done: Done): void => {
    const started = performance.now()
    const result = validateBatch(msg, plant, index, limits)
    if (!result.ok) {
      const record = deadLetterRecord({ ...result, mqttTopic: msg.topic, payload: msg.payload, receivedAtMs: msg.receivedAtMs, keepPayloadBytes })
      batcher.send(topics.dlq, { key: deadLetterKey(undefined, msg.topic), value: JSON.stringify(record) }, (err) => {
        if (err) {
          metrics.kafkaFailures.inc()
          return done(err)
        }
        metrics.deadLettered.inc({ reason: result.reason })
        done()
      })
      return
    }
    let open = result.devices.size + result.rejected.length
    let failed = false
    const { firm, plant: plantId } = result
    const { topic: mqttTopic, receivedAtMs } = msg
    const settled = (onOk: () => void) => (err?: unknown) => {
      if (failed) return
      if (err) {
        failed = true
        metrics.kafkaFailures.inc()
        return done(err)
      }
      onOk()
      if (--open === 0) {
        metrics.ackLatency.observe((performance.now() - started) / 1000)
        done()
      }
    }
    for (const [key, records] of result.devices) {
      // Only the value and the count wait for Kafka's answer, not the records: what a callback
      // keeps alive survives young-generation collections while the request is out (issue 16).
      const value = encodeTelemetryValueBytes(records)
      const samples = records.length
      const onOk = () => {
        metrics.produced.inc(samples)
        metrics.plantRecord(firm, plantId, receivedAtMs)
      }
      batcher.send(topics.telemetry, { key, value }, (err) => {
        if (!(err instanceof KafkaRecordRefused)) return settled(onOk)(err)
        // Refused for good (issue 10): dead-letter the device's samples so they cannot hold the stream.
        metrics.kafkaRefused.inc({ topic: 'telemetry' })
        log.warn({ err, key, samples }, 'kafka refused a device record of a batch: dead-lettering it as kafka_rejected')
        const record = deadLetterRecord({ reason: 'kafka_rejected', message: `Kafka refused the device record of ${samples} samples: ${err.kafkaError}`, mqttTopic, payload: value, receivedAtMs, key, keepPayloadBytes: 0 })
        batcher.send(topics.dlq, { key, value: JSON.stringify(record) }, settled(() => metrics.deadLettered.inc({ reason: 'kafka_rejected' })))
      })
    }
    for (const bad of result.rejected) {
      const record = { ...deadLetterRecord({ ...bad, mqttTopic: msg.topic, payload: sampleBytes(bad.sample), receivedAtMs: msg.receivedAtMs, keepPayloadBytes }), batchIndex: bad.index }
      batcher.send(topics.dlq, { key: deadLetterKey(bad.key, msg.topic), value: JSON.stringify(record) }, settled(() => metrics.deadLettered.inc({ reason: bad.reason })))
    }
  }
}

/** The sample's JSON for its dead-letter record; a value JSON cannot write again (too deep) keeps none. */
function sampleBytes(sample: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(sample) ?? '')
  } catch {
    return Buffer.alloc(0)
  }
}
