import type { Message, Producer } from 'kafkajs'
import { KafkaRecordRefused, recordRefusal } from './record-refusal.ts'
import { MAX_BATCH_BYTES, MAX_REQUEST_BYTES, RECORD_OVERHEAD_BYTES } from './record-limits.ts'

/** Called once Kafka (acks=all) has the message, or with the error if the write failed. */
export type Settled = (err?: unknown) => void

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
  /** The partition it was pinned to on arrival (message.partition), if known. */
  partition: number | undefined
}

const byTopic = (batch: readonly Queued[]) => {
  const topics = new Map<string, Message[]>()
  for (const q of batch) {
    const list = topics.get(q.topic)
    if (list) list.push(q.message)
    else topics.set(q.topic, [q.message])
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }))
}

const sizeOf = (m: Message) => RECORD_OVERHEAD_BYTES + byteLength(m.key) + byteLength(m.value)
const byteLength = (v: Message['key']) => (v == null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.byteLength)

/**
 * Group commit over one producer: while one batch is in flight, new messages queue; when it
 * returns, everything queued goes out as the next batch (at most `maxBatch` messages,
 * MAX_REQUEST_BYTES, and MAX_BATCH_BYTES for any one partition: see `partitionOf`), one request at
 * a time, which keeps per-key order. A failed batch is sent again
 * whole, by a new `sendBatch` call (see WRITE_RETRY_DELAYS_MS), before its messages fail. When
 * Kafka refuses a batch for good, it is split in halves and each half sent again, in order, until
 * the refused record stands alone: only that one fails, with KafkaRecordRefused. Callbacks, not
 * promises, on the hot path: it runs per message.
 */
export interface KafkaBatcherOptions {
  /** The current producer (renewProducer replaces it); it must not retry inside a send (see ingest-producer.ts). */
  producer: () => Producer
  /**
   * Replaces the producer after a refused record or a failed write: a write that failed may have
   * been appended on some partitions and not others, and a fresh producer starts with no state
   * left from it (a new connection to every broker; with an idempotent producer, a new producer id
   * where kafkajs' sequence numbers would be out of step: issue 10).
   */
  renewProducer: (reason: 'refused' | 'failed', err: unknown) => Promise<void>
  maxBatch?: number
  /**
   * Where a keyed message will go (createPartitionPlanner). A message with a known partition is
   * pinned to it, so that Kafka's per-partition record batch limit can be kept partition by
   * partition and a request may carry several partitions' worth (issue 16: at 200,000 samples/s,
   * one request's MAX_BATCH_BYTES for all partitions together was the limit). Without it, or for a
   * message it cannot place, the whole request stays within MAX_BATCH_BYTES, as any partition
   * might receive all of it.
   */
  partitionOf?: (topic: string, key: Message['key']) => number | undefined
  onBatch?: (size: number, durationMs: number) => void
  /** Called before a failed batch is sent again. */
  onRetry?: (size: number, attempt: number, err: unknown) => void
  /** Waits between the attempts of one batch; its length is the number of retries. */
  retryDelaysMs?: readonly number[]
}

/**
 * About 30 s of retries, as kafkajs' own would have been, to ride out a leader election or a
 * broker restart before the batch's MQTT messages are left unacknowledged for redelivery. Each
 * retry is a new request for every partition of the batch: the partitions Kafka did append get the
 * records again (at-least-once; the aggregator drops duplicates by device, boot and seq).
 */
export const WRITE_RETRY_DELAYS_MS: readonly number[] = [200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000, 5000]

export function createKafkaBatcher({ producer, renewProducer, maxBatch = 5000, partitionOf, onBatch, onRetry, retryDelaysMs = WRITE_RETRY_DELAYS_MS }: KafkaBatcherOptions): KafkaBatcher {
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

  /** One request for the whole batch: 'ok', a refusal for good, or a failure retrying may cure. */
  const attempt = async (batch: Queued[]): Promise<{ ok: true } | { ok: false; err: unknown; refusal?: string }> => {
    try {
      await restore()
      await producer().sendBatch({ acks: -1, topicMessages: byTopic(batch) })
      return { ok: true }
    } catch (err) {
      return { ok: false, err, refusal: recordRefusal(err) }
    }
  }

  const sendOne = async (batch: Queued[]): Promise<void> => {
    const started = performance.now()
    let outcome = await attempt(batch)
    for (let retry = 0; !outcome.ok && outcome.refusal === undefined && retry < retryDelaysMs.length; retry++) {
      broken = true
      brokenBy = outcome.err
      onRetry?.(batch.length, retry + 1, outcome.err)
      await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[retry]))
      outcome = await attempt(batch)
    }
    if (outcome.ok) {
      onBatch?.(batch.length, performance.now() - started)
      for (const q of batch) q.settled()
      return
    }
    if (outcome.refusal === undefined) {
      broken = true
      brokenBy = outcome.err
      for (const q of batch) q.settled(outcome.err)
      return
    }
    try {
      await renewProducer('refused', outcome.err)
    } catch (renewErr) {
      broken = true
      brokenBy = renewErr
      for (const q of batch) q.settled(renewErr)
      return
    }
    if (batch.length === 1) {
      batch[0]?.settled(new KafkaRecordRefused(outcome.refusal, { cause: outcome.err }))
    } else {
      // Records of the accepted partitions may already be written: at-least-once, like a retry.
      const half = Math.ceil(batch.length / 2)
      await sendOne(batch.slice(0, half))
      await sendOne(batch.slice(half))
    }
  }

  /**
   * The longest prefix of the queue within the bounds (at least one message): maxBatch messages,
   * MAX_REQUEST_BYTES in all, and MAX_BATCH_BYTES on any one partition, counting the messages of
   * unknown partition against every partition.
   */
  const takeBatch = (): Queued[] => {
    let n = 0
    let bytes = 0
    let unplaced = 0
    let fullest = 0
    const byPartition = new Map<string, Map<number, number>>()
    while (n < queue.length && n < maxBatch) {
      const q = queue[n] as Queued
      bytes += q.bytes
      if (q.partition === undefined) unplaced += q.bytes
      else {
        let partitions = byPartition.get(q.topic)
        if (partitions === undefined) byPartition.set(q.topic, (partitions = new Map()))
        const onPartition = (partitions.get(q.partition) ?? 0) + q.bytes
        partitions.set(q.partition, onPartition)
        if (onPartition > fullest) fullest = onPartition
      }
      if (n > 0 && (unplaced + fullest > MAX_BATCH_BYTES || bytes > MAX_REQUEST_BYTES)) break
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
      let partition = message.partition ?? undefined
      if (partition === undefined && partitionOf !== undefined) {
        partition = partitionOf(topic, message.key)
        // Pinned: a retry, or a request after the topic grew, writes it where it was counted.
        if (partition !== undefined) message = { ...message, partition }
      }
      queue.push({ topic, message, settled, bytes: sizeOf(message), partition })
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
