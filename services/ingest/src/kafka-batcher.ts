import type { Message, Producer } from 'kafkajs'

export interface KafkaBatcher {
  /** Resolves once Kafka (acks=all) has the message; rejects if the write failed. */
  send(topic: string, message: Message): Promise<void>
  /** Waits until every message handed over so far is written or failed. */
  drain(): Promise<void>
  readonly pending: number
}

interface Queued {
  topic: string
  message: Message
  resolve: () => void
  reject: (err: unknown) => void
}

/**
 * Group commit over one idempotent producer: while one batch is in flight, new messages queue;
 * when it returns, everything queued goes out as the next batch. One request in flight keeps
 * per-key order and lets the idempotent producer de-duplicate its own retries.
 */
export function createKafkaBatcher({ producer, maxBatch = 5000, onBatch }: { producer: Producer; maxBatch?: number; onBatch?: (size: number, durationMs: number) => void }): KafkaBatcher {
  let queue: Queued[] = []
  let inFlight: Promise<void> | undefined
  let scheduled = false

  const sendNext = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      const byTopic = new Map<string, Message[]>()
      for (const q of batch) {
        const list = byTopic.get(q.topic)
        if (list) list.push(q.message)
        else byTopic.set(q.topic, [q.message])
      }
      const started = performance.now()
      try {
        await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
        onBatch?.(batch.length, performance.now() - started)
        for (const q of batch) q.resolve()
      } catch (err) {
        for (const q of batch) q.reject(err)
      }
    }
  }

  const kick = () => {
    if (inFlight || scheduled) return
    scheduled = true
    // Let the messages of the same tick join the batch.
    setImmediate(() => {
      scheduled = false
      inFlight = sendNext().finally(() => {
        inFlight = undefined
        if (queue.length > 0) kick()
      })
    })
  }

  return {
    send(topic, message) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ topic, message, resolve, reject })
        kick()
      })
    },
    async drain() {
      while (inFlight || scheduled || queue.length > 0) await (inFlight ?? new Promise((r) => setImmediate(r)))
    },
    get pending() {
      return queue.length
    },
  }
}
