import type { Message, Producer } from 'kafkajs'

/** Called once Kafka (acks=all) has the message, or with the error if the write failed. */
export type Settled = (err?: unknown) => void

export interface KafkaBatcher {
  send(topic: string, message: Message, settled: Settled): void
  /** Waits until every message handed over so far is written or failed. */
  drain(): Promise<void>
  readonly pending: number
}

interface Queued {
  topic: string
  message: Message
  settled: Settled
}

/**
 * Group commit over one idempotent producer: while one batch is in flight, new messages queue;
 * when it returns, everything queued goes out as the next batch. One request in flight keeps
 * per-key order and lets the idempotent producer de-duplicate its own retries. Callbacks, not
 * promises, on this path: it runs once per message.
 */
export function createKafkaBatcher({ producer, maxBatch = 5000, onBatch }: { producer: Producer; maxBatch?: number; onBatch?: (size: number, durationMs: number) => void }): KafkaBatcher {
  let queue: Queued[] = []
  let inFlight: Promise<void> | undefined
  let scheduled = false

  const sendOne = async (batch: Queued[]): Promise<void> => {
    const byTopic = new Map<string, Message[]>()
    for (const q of batch) {
      const list = byTopic.get(q.topic)
      if (list) list.push(q.message)
      else byTopic.set(q.topic, [q.message])
    }
    const started = performance.now()
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
    } catch (err) {
      for (const q of batch) q.settled(err)
      return
    }
    onBatch?.(batch.length, performance.now() - started)
    for (const q of batch) q.settled()
  }

  const sendAll = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch)
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch)
      await sendOne(batch)
    }
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
      queue.push({ topic, message, settled })
      kick()
    },
    async drain() {
      while (inFlight || scheduled || queue.length > 0) await (inFlight ?? new Promise((r) => setImmediate(r)))
    },
    get pending() {
      return queue.length
    },
  }
}
