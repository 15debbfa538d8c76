import { TELEMETRY_MAX_MESSAGE_BYTES } from '@millstream/contract'

/**
 * How the size limits along the path agree by construction (issue 10: one 900 KB payload under the
 * broker's 1 MiB limit became a dead-letter record over Kafka's, and the retry loop stalled every
 * plant). From the outside in:
 *
 *   broker max_packet_size (1 MiB)  >  what ingest may see of one payload
 *   INGEST_MAX_PAYLOAD_BYTES (<= MAX_PAYLOAD_BYTES_CEILING)  bounds what a dead-letter record keeps
 *   any record ingest writes  <=  MAX_RECORD_BYTES  <  MAX_BATCH_BYTES  <  Kafka max.message.bytes
 *
 * A payload over INGEST_MAX_PAYLOAD_BYTES is dead-lettered with its first INGEST_MAX_PAYLOAD_BYTES
 * bytes, its size and its SHA-256; topics and messages in the record are cut to fixed lengths. The
 * Kafka batcher closes a produce request before any one partition's part of it passes
 * MAX_BATCH_BYTES (before the whole request does, for records it cannot place), so no partition's
 * record batch can pass Kafka's limit either. `record-limits.test.ts` checks the worst case of each
 * bound.
 */
export const MAX_PAYLOAD_BYTES_CEILING = 256 * 1024
/** An MQTT topic may be 65,535 bytes; records keep this many UTF-16 units of it. */
export const MAX_TOPIC_CHARS = 512
/** Reason messages are short; this caps them whatever a validation says. */
export const MAX_REASON_MESSAGE_CHARS = 512
/** Fields, key and JSON around the payload: generous (JSON escapes a control char as 6 bytes). */
const RECORD_ENVELOPE_BYTES = 16 * 1024
/** The largest record value plus key ingest can produce with the largest allowed payload limit. */
export const MAX_RECORD_BYTES = Math.ceil(MAX_PAYLOAD_BYTES_CEILING / 3) * 4 + RECORD_ENVELOPE_BYTES
/** Kafka's per-record overhead in a v2 record batch is under 30 bytes; counted high. */
export const RECORD_OVERHEAD_BYTES = 64
/** A produce request closes before this many key, value and overhead bytes on one partition: a quarter of Kafka's limit stays free for batch headers. */
export const MAX_BATCH_BYTES = Math.floor(TELEMETRY_MAX_MESSAGE_BYTES * 0.75)
/**
 * A produce request closes before this many bytes in all, far below Kafka's socket.request.max.bytes
 * (100 MiB by default). Kafka's client encoded 136 MB/s of requests in one run of
 * test/bench/kafkajs-encode.ts on this machine (docs/performance.md), so a request this size holds
 * ingest's thread for roughly 20-25 ms, about one of the MQTT source's slices.
 */
export const MAX_REQUEST_BYTES = 4 * MAX_BATCH_BYTES

/** Cuts a string to `max` UTF-16 units; says whether it did. */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  return text.length <= max ? { text, clipped: false } : { text: text.slice(0, max), clipped: true }
}
