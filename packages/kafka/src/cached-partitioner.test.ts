import fc from 'fast-check'
import { Partitioners, type PartitionerArgs, type PartitionMetadata } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { cachedPartitioner, createPartitionPlanner } from './cached-partitioner.ts'

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }))

const args = (topic: string, count: number, message: PartitionerArgs['message']): PartitionerArgs => ({ topic, partitionMetadata: metadata(count), message })

describe('cachedPartitioner', () => {
  it("puts every keyed message where kafkajs's default partitioner does, on first sight and from the cache, whatever the partition count", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 1, max: 64 }), fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 200 }), (messages) => {
        const cached = cachedPartitioner()
        const reference = Partitioners.DefaultPartitioner()
        // Each message twice: the second answer comes from the cache. A count that changes for a key rehashes it.
        for (const [topic, count, key] of [...messages, ...messages]) {
          expect(cached(args(topic, count, { key, value: 'v' }))).toBe(reference(args(topic, count, { key, value: 'v' })))
        }
      }),
    )
  })

  it('sends a message that names its partition there, and leaves keyless messages to the default round robin', () => {
    const cached = cachedPartitioner()
    expect(cached(args('t', 12, { key: 'device-1', value: 'v', partition: 7 }))).toBe(7)
    expect(cached(args('t', 12, { key: 'device-1', value: 'v', partition: 0 }))).toBe(0)
    const seen = new Set(Array.from({ length: 24 }, () => cached(args('t', 12, { value: 'v' }))))
    expect(seen.size).toBe(12)
  })

  it('still answers as the default does through a flood of distinct keys, before and after its cache is cleared', () => {
    const cached = cachedPartitioner()
    const reference = Partitioners.DefaultPartitioner()
    for (let i = 0; i < 250_000; i++) {
      const key = `flood-${i}`
      const p = cached(args('t', 12, { key, value: 'v' }))
      if (i % 9_973 === 0) expect(p).toBe(reference(args('t', 12, { key, value: 'v' })))
    }
    expect(cached(args('t', 12, { key: 'flood-3', value: 'v' }))).toBe(reference(args('t', 12, { key: 'flood-3', value: 'v' })))
  })
})

describe('createPartitionPlanner', () => {
  it('places a keyed message where the producer will, with the partition count kafkajs last passed for its topic', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 1, max: 64 }), fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 100 }), (messages) => {
        const planner = createPartitionPlanner()
        const partitioner = planner.createPartitioner()
        const reference = Partitioners.DefaultPartitioner()
        for (const [topic, count, key] of messages) {
          partitioner(args(topic, count, { key: 'any', value: 'v' }))
          expect(planner.partitionOf(topic, key)).toBe(reference(args(topic, count, { key, value: 'v' })))
          expect(partitioner(args(topic, count, { key, value: 'v' }))).toBe(planner.partitionOf(topic, key))
        }
      }),
    )
  })

  it('cannot place a message before a first send to its topic, nor one without a string key', () => {
    const planner = createPartitionPlanner()
    expect(planner.partitionOf('t', 'device-1')).toBeUndefined()
    planner.createPartitioner()(args('t', 12, { key: 'device-1', value: 'v' }))
    expect(planner.partitionOf('t', 'device-1')).toBeTypeOf('number')
    expect(planner.partitionOf('t', null)).toBeUndefined()
    expect(planner.partitionOf('t', Buffer.from('device-1'))).toBeUndefined()
    expect(planner.partitionOf('other', 'device-1')).toBeUndefined()
  })
})
