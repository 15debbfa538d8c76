import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, inject, it } from 'vitest'
import { ensureTopics } from './ensure-topics.ts'

const servers = inject('servers')

describe('ensureTopics on the real broker', () => {
  it('lets instances that start at once create the same new topics; each topic gets its partitions and leaders', async () => {
    const kafka = new Kafka({ brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.NOTHING })
    for (let round = 0; round < 6; round++) {
      const id = `ensure-shared-${process.pid}-${Date.now().toString(36)}-${round}`
      const specs = [
        { topic: `${id}-a`, numPartitions: 6, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
        { topic: `${id}-b`, numPartitions: 3, configEntries: [] },
      ]
      const created = await Promise.all([ensureTopics(kafka, specs), ensureTopics(kafka, specs), ensureTopics(kafka, specs)])
      // Whoever created them, every instance returns normally and the topics are complete.
      expect(created.every((topics) => topics.every((t) => t.startsWith(id)))).toBe(true)
      const admin = kafka.admin()
      await admin.connect()
      try {
        const meta = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) })
        expect(meta.topics.map((t) => [t.name, t.partitions.length, t.partitions.every((p) => p.leader >= 0)]).sort()).toEqual([[`${id}-a`, 6, true], [`${id}-b`, 3, true]])
      } finally {
        await admin.disconnect()
      }
      expect(await ensureTopics(kafka, specs)).toEqual([])
    }
  })
})
