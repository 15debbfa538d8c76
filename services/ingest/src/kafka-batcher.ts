import type { Message, Producer } from 'kafkajs'
import { MAX_BATCH_BYTES, RECORD_OVERHEAD_BYTES } from './record-limits.ts'

/** Called once Kafka (acks=all) has the message, or with the error if the write failed. */
export type Settled = (err?: unknown) => void

/**
 * Kafka refused this one record for a reason retrying cannot cure (too large, invalid): the caller
 * dead-letters it instead of withholding its PUBACK, so it cannot stall the messages behind it.
 */
export class KafkaRecordRefused extends Error {
  constructor(readonly kafkaError: string, options: { cause: unknown }) {
    super(`Kafka refused the record: ${kafkaError}`, options)
    this.name = 'KafkaRecordRefused'
  }
}

/** Kafka error types that refuse a record for good (kafkajs marks them non-retriable). */
const RECORD_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'INVALID_TIMESTAMP', 'INVALID_RECORD_STATE'])

/** The refusing Kafka error type in `err` or its causes, if it is one of RECORD_REFUSALS. */
export function recordRefusal(err: unknown): string | undefined {
  for (let e = err as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string' && RECORD_REFUSALS.has(e.type)) return e.type
  }
  return undefined
}

export interface KafkaBatcher {
  send(topic: string, message: Message, settled: Settled): void
  /** False from a failed write until a new producer has connected. */
  readonly writable: boolean
  /** Replaces the producer if a write failed since the last replacement; throws if the new one cannot connect. */
  restore(): Promise<void>
  /** Waits until every message handed over so far is written or failed. */
  drain(): Promise<void>
  readonly pending: number
}

interface Queued {
  topic: string
  message: Message
  settled: Settled
  bytes: number
}

const sizeOf = (m: Message) => RECORD_OVERHEAD_BYTES + byteLength(m.key) + byteLength(m.value)
const byteLength = (v: Message['key']) => (v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.byteLength)

/**
 * Group commit over one idempotent producer: while one batch is in flight, new messages queue;
 * when it returns, everything queued goes out as the next batch (at most `maxBatch` messages and
 * MAX_BATCH_BYTES), one request at a time, which keeps per-key order and lets the idempotent
 * producer de-duplicate its own retries. When Kafka refuses a batch for good, it is split in
 * halves and each half sent again, in order, until the refused record stands alone: only that one
 * fails, with KafkaRecordRefused. Callbacks, not promises, on the hot path: it runs per message.
 */
export interface KafkaBatcherOptions {
  /** The current producer (renewProducer replaces it). */
  producer: () => Producer
  /**
   * Replaces the idempotent producer after a refusal. kafkajs advances a partition's sequence
   * number only when the whole produce request succeeds, so after a refusal the partitions Kafka
   * did append are out of step: the next write there would be refused as out of order (or, with
   * the same count, dropped as a duplicate). A new producer id starts every sequence afresh.
   * Any other failed write (timeout, disconnect, NOT_LEADER, OUT_OF_ORDER_SEQUENCE_NUMBER, ...)
   * may also have been appended on some partitions and not others, so the producer is replaced
   * before the next write too (issue 10: the old one answered OUT_OF_ORDER_SEQUENCE_NUMBER forever).
   */
  renewProducer: (reason: 'refused' | 'failed', err: unknown) => Promise<void>
  maxBatch?: number
  onBatch?: (size: number, durationMs: number) => void
}

export function createKafkaBatcher({ producer, renewProducer, maxBatch = 5000, onBatch }: KafkaBatcherOptions): KafkaBatcher {
  let queue: Queued[] = []
  let inFlight: Promise<void> | undefined
  let scheduled = false
  let broken = false
  let brokenBy: unknown
  let restoring: Promise<void> | undefined

  const restore = (): Promise<void> => {
    if (!broken) return Promise.resolve()
    restoring ??= renewProducer('failed', brokenBy)
      .then(() => void (broken = false))
      .finally(() => (restoring = undefined))
    return restoring
  }

  const sendOne = async (batch: Queued[]): Promise<void> => {
    const byTopic = new Map<string, Message[]>()
    for (const q of batch) {
      const list = byTopic.get(q.topic)
      if (list) list.push(q.message)
      else byTopic.set(q.topic, [q.message])
    }
    try {
      await restore()
    } catch (err) {
      for (const q of batch) q.settled(err)
      return
    }
    const started = performance.now()
    try {
      await producer().sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
    } catch (err) {
      const refusal = recordRefusal(err)
      if (refusal === undefined) {
        broken = true
        brokenBy = err
        for (const q of batch) q.settled(err)
        return
      }
      try {
        await renewProducer('refused', err)
      } catch (renewErr) {
        broken = true
        brokenBy = renewErr
        for (const q of batch) q.settled(renewErr)
        return
      }
      if (batch.length === 1) {
        batch[0]?.settled(new KafkaRecordRefused(refusal, { cause: err }))
      } else {
        // Records of the accepted partitions may already be written: at-least-once, like a retry.
        const half = Math.ceil(batch.length / 2)
        await sendOne(batch.slice(0, half))
        await sendOne(batch.slice(half))
      }
      return
    }
    onBatch?.(batch.length, performance.now() - started)
    for (const q of batch) q.settled()
  }

  /** The longest prefix of the queue within both bounds (at least one message). */
  const takeBatch = (): Queued[] => {
    let n = 0
    let bytes = 0
    while (n < queue.length && n < maxBatch) {
      bytes += (queue[n] as Queued).bytes
      if (n > 0 && bytes > MAX_BATCH_BYTES) break
      n += 1
    }
    const batch = n === queue.length ? queue : queue.slice(0, n)
    queue = n === queue.length ? [] : queue.slice(n)
    return batch
  }

  const sendAll = async (): Promise<void> => {
    while (queue.length > 0) await sendOne(takeBatch())
  }

  const kick = () => {
    if (inFlight || scheduled) return
    scheduled = true
    // Let the messages of the same tick join the batch.
    setImmediate(() => {
      scheduled = false
      inFlight = sendAll().finally(() => {
        inFlight = undefined
        if (queue.length > 0) kick()
      })
    })
  }

  return {
    send(topic, message, settled) {
      queue.push({ topic, message, settled, bytes: sizeOf(message) })
      kick()
    },
    async drain() {
      while (inFlight || scheduled || queue.length > 0) await (inFlight ?? new Promise((r) => setImmediate(r)))
    },
    get writable() {
      return !broken
    },
    restore,
    get pending() {
      return queue.length
    },
  }
}
