import { z } from 'zod'
import { idSchema } from './ids.ts'
import { BOOT_PATTERN, COUNT_UNITS, ENERGY_MEDIUM_NAMES, REPORTED_STATES } from './payloads.ts'
import { gaugeNameSchema, gaugeReadingSchema } from './process.ts'
import { REJECTION_CODES } from './rejections.ts'

const epochMs = z.number().int().nonnegative()

const recordBase = {
  v: z.literal(1),
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
  /** Event time from the device, epoch ms. */
  ts: epochMs,
  /** When ingest received the MQTT message, epoch ms. */
  receivedAt: epochMs,
  seq: z.number().int().nonnegative().optional(),
  /** The payload's `boot` as a string: `seq` counts within it (de-duplication by device, boot, seq). */
  boot: z.string().regex(BOOT_PATTERN).optional(),
}

/**
 * The canonical record ingest produces to `mill.telemetry.v1`, keyed by device
 * (`firm/plant/line/device`). Consumers rely on this shape, not on the raw payload.
 */
export const telemetryRecordSchema = z.discriminatedUnion('channel', [
  z.object({ ...recordBase, channel: z.literal('state'), state: z.enum(REPORTED_STATES), reason: z.string().optional() }),
  z.object({
    ...recordBase,
    channel: z.literal('count'),
    total: z.number().nonnegative(),
    good: z.number().nonnegative().optional(),
    unit: z.enum(COUNT_UNITS).optional(),
  }),
  z.object({
    ...recordBase,
    channel: z.literal('energy'),
    total: z.number().nonnegative(),
    medium: z.enum(ENERGY_MEDIUM_NAMES),
    power: z.number().nonnegative().optional(),
  }),
  // Issue 16: gauge readings by name, declared for the device in the registry.
  z.object({ ...recordBase, channel: z.literal('process'), values: z.record(gaugeNameSchema, gaugeReadingSchema) }),
])
export type TelemetryRecord = z.infer<typeof telemetryRecordSchema>

/**
 * What goes to `mill.telemetry.dlq.v1`: the reason as a code and in words, and the original
 * message byte for byte (base64, so non-UTF-8 payloads survive).
 */
export const deadLetterRecordSchema = z.object({
  v: z.literal(1),
  reason: z.enum(REJECTION_CODES),
  message: z.string(),
  /** The MQTT topic (ingest) or the Kafka topic and offset (later stages). */
  source: z.object({ stage: z.enum(['ingest', 'aggregator']), topic: z.string(), topicTruncated: z.boolean().optional(), partition: z.number().int().optional(), offset: z.string().optional() }),
  /** The original bytes, or their first bytes when `payloadTruncated` (issue 10: bounded records). */
  payloadBase64: z.string(),
  /** Size of the original payload in bytes, and its SHA-256 (hex): identify a truncated payload. */
  payloadBytes: z.number().int().nonnegative().optional(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  payloadTruncated: z.boolean().optional(),
  receivedAt: epochMs,
  /** The device key, when the topic (or a batch sample) was good enough to tell it. */
  key: z.string().optional(),
  /**
   * Contract v1.1: the rejected sample's position (from 0) in its batch message (stage ingest;
   * `source.topic` is then the batch topic) or in its device batch record (stage aggregator); the
   * payload is then that sample's JSON. Absent for a whole message or record.
   */
  batchIndex: z.number().int().nonnegative().optional(),
})
export type DeadLetterRecord = z.infer<typeof deadLetterRecordSchema>
