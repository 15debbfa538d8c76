import { z } from 'zod'
import { ID_PATTERN, idSchema } from './ids.ts'
import { countPayloadSchema, energyPayloadSchema, processPayloadSchema, statePayloadSchema } from './payloads.ts'
import { TOPIC_PREFIX } from './topic.ts'

/**
 * Contract v1.1: a plant gateway publishes many samples of many machines of ONE plant in one
 * message to `mill/v1/{firm}/{plant}/batch` (docs/contract-batch.md). The topic sits inside the
 * plant's own subtree, so the broker ACL that lets a gateway publish only under its firm and plant
 * (`mill/v1/{firm}/{plant}/#`) covers it unchanged, and a v1 topic has seven levels where this one
 * has five: the two never collide.
 */
export const BATCH_TOPIC_LEVEL = 'batch'
/** At most this many samples in one batch message: a larger batch is dead-lettered whole. */
export const BATCH_MAX_SAMPLES = 1000
/** At most this many bytes of JSON in one batch message (a v1 message has INGEST_MAX_PAYLOAD_BYTES). */
export const BATCH_MAX_BYTES = 256 * 1024

export type BatchTopicParse = { ok: true; firm: string; plant: string } | { ok: false }

export function batchTopic(firm: string, plant: string): string {
  return `${TOPIC_PREFIX}/${firm}/${plant}/${BATCH_TOPIC_LEVEL}`
}

/** Parses `mill/v1/{firm}/{plant}/batch`; anything else is not a batch topic. Never throws. */
export function parseBatchTopic(topic: string): BatchTopicParse {
  const parts = topic.split('/')
  if (parts.length !== 5 || parts[0] !== 'mill' || parts[1] !== 'v1' || parts[4] !== BATCH_TOPIC_LEVEL) return { ok: false }
  const [firm, plant] = [parts[2] as string, parts[3] as string]
  return ID_PATTERN.test(firm) && ID_PATTERN.test(plant) ? { ok: true, firm, plant } : { ok: false }
}

/**
 * Where a sample comes from. `line` is required: the registry, the Kafka key and every v1 topic
 * name a machine by firm, plant, line and machine, and a gateway is configured with that address.
 * `firm` and `plant` may be repeated; when they are, they must equal the topic's (a gateway cannot
 * write into another plant by naming it in a sample).
 */
const sampleAddress = {
  line: idSchema,
  machine: idSchema,
  firm: idSchema.optional().describe('If present, must equal the firm of the topic.'),
  plant: idSchema.optional().describe('If present, must equal the plant of the topic.'),
}

/** One sample of a batch: the v1 payload of its channel plus its address and channel. */
export const batchSampleSchema = z.discriminatedUnion('channel', [
  statePayloadSchema.extend({ ...sampleAddress, channel: z.literal('state') }),
  countPayloadSchema.safeExtend({ ...sampleAddress, channel: z.literal('count') }),
  energyPayloadSchema.extend({ ...sampleAddress, channel: z.literal('energy') }),
  processPayloadSchema.extend({ ...sampleAddress, channel: z.literal('process') }),
])
export type BatchSample = z.infer<typeof batchSampleSchema>

/**
 * The batch message. Ingest checks the envelope (an object whose `samples` is an array of 1 to
 * BATCH_MAX_SAMPLES items, at most BATCH_MAX_BYTES) for the whole message, then each sample on its
 * own with the v1 rules: a bad sample is dead-lettered with its index, the others go on.
 */
export const batchMessageSchema = z.object({
  samples: z.array(batchSampleSchema).min(1).max(BATCH_MAX_SAMPLES).describe('Samples in any order of machines; per machine in the order they were taken.'),
})
export type BatchMessage = z.infer<typeof batchMessageSchema>
