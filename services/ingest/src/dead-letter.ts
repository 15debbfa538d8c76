import { createHash } from 'node:crypto'
import type { DeadLetterRecord, RejectionCode } from '@millstream/contract'
import { clip, MAX_REASON_MESSAGE_CHARS, MAX_TOPIC_CHARS } from './record-limits.ts'

export interface DeadLetterInput {
  reason: RejectionCode
  message: string
  mqttTopic: string
  payload: Uint8Array
  receivedAtMs: number
  key?: string
  /** Bytes of the payload the record keeps; beyond them only the size and SHA-256 survive. */
  keepPayloadBytes: number
}

/**
 * The dead-letter record for a rejected MQTT message, bounded whatever came in (record-limits.ts):
 * the original bytes as base64 up to `keepPayloadBytes`, always with their size and SHA-256 so a
 * truncated payload can still be identified; topic and key cut to MAX_TOPIC_CHARS.
 */
export function deadLetterRecord(input: DeadLetterInput): DeadLetterRecord {
  const bytes = Buffer.from(input.payload.buffer, input.payload.byteOffset, input.payload.byteLength)
  const kept = bytes.byteLength > input.keepPayloadBytes ? bytes.subarray(0, input.keepPayloadBytes) : bytes
  const topic = clip(input.mqttTopic, MAX_TOPIC_CHARS)
  return {
    v: 1,
    reason: input.reason,
    message: clip(input.message, MAX_REASON_MESSAGE_CHARS).text,
    source: { stage: 'ingest', topic: topic.text, ...(topic.clipped ? { topicTruncated: true } : {}) },
    payloadBase64: kept.toString('base64'),
    payloadBytes: bytes.byteLength,
    payloadSha256: createHash('sha256').update(bytes).digest('hex'),
    ...(kept.byteLength < bytes.byteLength ? { payloadTruncated: true } : {}),
    receivedAt: input.receivedAtMs,
    ...(input.key === undefined ? {} : { key: clip(input.key, MAX_TOPIC_CHARS).text }),
  }
}

/** The Kafka key of a dead-letter record: the device when the topic named one, else the (cut) topic. */
export function deadLetterKey(key: string | undefined, mqttTopic: string): string {
  return clip(key ?? mqttTopic, MAX_TOPIC_CHARS).text
}
