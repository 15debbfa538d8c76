import { batchTopic, BATCH_MAX_SAMPLES, parseTopic } from '@millstream/contract'
import type { PublishOutcome } from '../report/publish-outcome.ts'
import type { SimMessage } from '../sim/sim-message.ts'
import type { Sink } from './sink.ts'

/** The encodings the simulator publishes in; an enum that grows (Sparkplug B comes next). */
export const ENCODINGS = ['v1', 'batch', 'sparkplug'] as const
export type Encoding = (typeof ENCODINGS)[number]

export interface BatchingSinkOptions {
  firm: string
  plant: string
  /** Samples per batch message (contract v1.1 allows up to BATCH_MAX_SAMPLES). */
  batchSize: number
  /** A batch not full after this long (wall time) goes out anyway: real-time data is not held back. */
  maxDelayMs: number
}

type Pending = { sample: Record<string, unknown>; message: SimMessage; settled: (outcome: PublishOutcome) => void }

/**
 * Turns a plant's v1 messages into contract v1.1 batch messages, as a plant gateway does: each
 * message becomes a sample (its payload plus line, machine and channel from its topic) and every
 * `batchSize` samples, or after `maxDelayMs`, one message goes to `mill/v1/{firm}/{plant}/batch`
 * through the inner sink. Each sample's message is settled with its batch's outcome, so the
 * report's totals stay exact per sample. A message that cannot be a sample (a payload that is not
 * a JSON object, a topic that is not v1: chaos makes such) is published as it is.
 */
export function createBatchingSink(inner: Sink, options: BatchingSinkOptions): Sink {
  if (options.batchSize < 1 || options.batchSize > BATCH_MAX_SAMPLES) throw new Error(`batch size must be 1..${BATCH_MAX_SAMPLES}, got ${options.batchSize}`)
  const topic = batchTopic(options.firm, options.plant)
  let buffer: Pending[] = []
  let timer: NodeJS.Timeout | undefined

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (buffer.length === 0) return
    const batch = buffer
    buffer = []
    const last = batch[batch.length - 1] as Pending
    const message: SimMessage = { ...last.message, topic, payload: JSON.stringify({ samples: batch.map((p) => p.sample) }) }
    await inner.publish(message, (outcome) => {
      for (const p of batch) p.settled(outcome)
    })
  }

  return {
    start: () => inner.start(),
    async publish(message, settled) {
      const sample = toSample(message)
      if (!sample) return inner.publish(message, settled)
      buffer.push({ sample, message, settled })
      if (buffer.length >= options.batchSize) return flush()
      timer ??= setTimeout(() => void flush(), options.maxDelayMs)
    },
    async stop() {
      await flush()
      await inner.stop()
    },
  }
}

function toSample(message: SimMessage): Record<string, unknown> | undefined {
  const topic = parseTopic(message.topic)
  if (!topic.ok) return undefined
  let payload: unknown
  try {
    payload = JSON.parse(message.payload)
  } catch {
    return undefined
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined
  return { line: topic.ref.line, machine: topic.ref.device, channel: topic.channel, ...payload }
}
