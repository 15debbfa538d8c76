import type { DeadLetterRecord, RejectionCode } from '@millstream/contract'

/** The dead-letter record for a rejected MQTT message: the original bytes survive as base64. */
export function deadLetterRecord(input: {
  reason: RejectionCode
  message: string
  mqttTopic: string
  payload: Uint8Array
  receivedAtMs: number
  key?: string
}): DeadLetterRecord {
  return {
    v: 1,
    reason: input.reason,
    message: input.message,
    source: { stage: 'ingest', topic: input.mqttTopic },
    payloadBase64: Buffer.from(input.payload.buffer, input.payload.byteOffset, input.payload.byteLength).toString('base64'),
    receivedAt: input.receivedAtMs,
    ...(input.key === undefined ? {} : { key: input.key }),
  }
}
