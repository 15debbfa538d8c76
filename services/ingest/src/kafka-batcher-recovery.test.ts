import type { Producer } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { createKafkaBatcher } from './kafka-batcher.ts'

const kafkaError = (type: string, retriable: boolean) =>
  Object.assign(new Error(type), { name: retriable ? 'KafkaJSProtocolError' : 'KafkaJSNonRetriableError', type, retriable })

/**
 * Fake producers as kafkajs behaves after a partial failure (issue 10): the producer whose write
 * failed has sequences out of step and is answered OUT_OF_ORDER_SEQUENCE_NUMBER for ever; a new
 * producer (new producer id) writes. `down` makes connecting fail, as while the broker is away.
 */
function wedgingKafka(firstFailure: Error) {
  const written: string[] = []
  const state = { down: false, renewals: [] as string[] }
  const make = (id: number) => {
    let wedged = false
    let failedOnce = false
    return {
      id,
      sendBatch: async ({ topicMessages }: { topicMessages: { messages: { value: unknown }[] }[] }) => {
        if (state.down) throw kafkaError('KafkaJSConnectionError', true)
        if (wedged) throw kafkaError('OUT_OF_ORDER_SEQUENCE_NUMBER', false)
        if (id === 0 && !failedOnce) {
          failedOnce = true
          wedged = true
          throw firstFailure
        }
        written.push(...topicMessages.flatMap((t) => t.messages.map((m) => String(m.value))))
        return []
      },
    }
  }
  let current = make(0)
  const renewProducer = async (reason: string) => {
    state.renewals.push(reason)
    if (state.down) throw kafkaError('KafkaJSConnectionError', true)
    current = make(current.id + 1)
  }
  return { producer: () => current as unknown as Producer, renewProducer, written, state }
}

const send = (batcher: ReturnType<typeof createKafkaBatcher>, value: string) =>
  new Promise<string>((resolve) => batcher.send('t', { key: 'k', value }, (err) => resolve(err ? `failed: ${(err as Error).message}` : 'ok')))

describe('kafka batcher after a failed write', () => {
  for (const first of [kafkaError('OUT_OF_ORDER_SEQUENCE_NUMBER', false), kafkaError('NOT_LEADER_OR_FOLLOWER', true), kafkaError('KafkaJSRequestTimeoutError', true), kafkaError('UNKNOWN_PRODUCER_ID', false)]) {
    it(`writes the batch again through a new producer after ${first.message}, then acknowledges it`, async () => {
      const kafka = wedgingKafka(first)
      const batcher = createKafkaBatcher({ producer: kafka.producer, renewProducer: kafka.renewProducer, retryDelaysMs: [1, 1] })
      expect(await send(batcher, 'a')).toBe('ok')
      expect(await send(batcher, 'b')).toBe('ok')
      // Written by the new producer, not answered out of order by the old one.
      expect(kafka.written).toEqual(['a', 'b'])
      expect(batcher.writable).toBe(true)
      expect(kafka.state.renewals).toEqual(['failed'])
    })
  }

  it('fails the batch when no new producer can connect within the retries, stays unwritable, then recovers without a restart', async () => {
    const kafka = wedgingKafka(kafkaError('KafkaJSRequestTimeoutError', true))
    const batcher = createKafkaBatcher({ producer: kafka.producer, renewProducer: kafka.renewProducer, retryDelaysMs: [1, 1, 1] })
    kafka.state.down = true
    expect(await send(batcher, 'a')).toMatch(/^failed: KafkaJSConnectionError/)
    await expect(batcher.restore()).rejects.toThrow()
    expect(batcher.writable).toBe(false)
    kafka.state.down = false
    // Several reconnecting sources ask at once: one replacement.
    const before = kafka.state.renewals.length
    await Promise.all([batcher.restore(), batcher.restore(), batcher.restore()])
    expect(kafka.state.renewals.length).toBe(before + 1)
    expect(batcher.writable).toBe(true)
    expect(await send(batcher, 'a')).toBe('ok')
    expect(kafka.written).toEqual(['a'])
  })
})
