import { TELEMETRY_MAX_MESSAGE_BYTES } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { deadLetterKey, deadLetterRecord } from './dead-letter.ts'
import { MAX_BATCH_BYTES, MAX_PAYLOAD_BYTES_CEILING, MAX_RECORD_BYTES, MAX_REQUEST_BYTES, MAX_TOPIC_CHARS } from './record-limits.ts'
import { createHash } from 'node:crypto'

describe('record limits', () => {
  it('orders the bounds: largest record < batch cap < Kafka max.message.bytes', () => {
    expect(MAX_RECORD_BYTES).toBeLessThan(MAX_BATCH_BYTES)
    expect(MAX_BATCH_BYTES).toBeLessThan(TELEMETRY_MAX_MESSAGE_BYTES)
    // A request of several partitions' batches stays far below Kafka's socket.request.max.bytes (100 MiB).
    expect(MAX_REQUEST_BYTES).toBeGreaterThanOrEqual(MAX_BATCH_BYTES)
    expect(MAX_REQUEST_BYTES).toBeLessThan(16 * 1024 * 1024)
  })

  it('keeps the worst dead-letter record under MAX_RECORD_BYTES: a 1 MiB payload on a 65,535-char topic of control characters', () => {
    const payload = new Uint8Array(1024 * 1024).fill(0xff)
    const topic = '\u0001'.repeat(65_535)
    const record = deadLetterRecord({ reason: 'payload_too_large', message: 'm'.repeat(100_000), mqttTopic: topic, payload, receivedAtMs: 1, keepPayloadBytes: MAX_PAYLOAD_BYTES_CEILING })
    const bytes = Buffer.byteLength(JSON.stringify(record)) + Buffer.byteLength(deadLetterKey(undefined, topic))
    expect(bytes).toBeLessThanOrEqual(MAX_RECORD_BYTES)
    expect(record.source.topic).toHaveLength(MAX_TOPIC_CHARS)
    expect(record.source.topicTruncated).toBe(true)
  })

  it('keeps a prefix of an oversized payload with its size and SHA-256, and small payloads whole', () => {
    const payload = new TextEncoder().encode(`{"pad":"${'x'.repeat(5000)}"}`)
    const cut = deadLetterRecord({ reason: 'payload_too_large', message: 'too big', mqttTopic: 't', payload, receivedAtMs: 1, keepPayloadBytes: 100 })
    expect(Buffer.from(cut.payloadBase64, 'base64')).toEqual(Buffer.from(payload.subarray(0, 100)))
    expect(cut).toMatchObject({ payloadBytes: payload.byteLength, payloadTruncated: true, payloadSha256: createHash('sha256').update(payload).digest('hex') })
    const whole = deadLetterRecord({ reason: 'malformed_json', message: 'bad', mqttTopic: 't', payload: payload.subarray(0, 50), receivedAtMs: 1, keepPayloadBytes: 100 })
    expect(whole.payloadTruncated).toBeUndefined()
    expect(Buffer.from(whole.payloadBase64, 'base64').byteLength).toBe(50)
  })
})
