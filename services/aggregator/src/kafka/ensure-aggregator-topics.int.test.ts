import { Kafka, logLevel } from 'kafkajs'
import { describe, expect, inject, it } from 'vitest'
import { ensureAggregatorTopics } from './ensure-aggregator-topics.ts'

const servers = inject('servers')

describe('ensureAggregatorTopics on the real broker', () => {
  it('lets instances that start at once create the same new topics and all start', async () => {
    const kafka = new Kafka({ brokers: servers.kafkaBrokers.split(','), logLevel: logLevel.NOTHING })
    // Before the fix, 17 of 24 such starts failed reading the metadata of a just-created topic.
    for (let round = 0; round < 6; round++) {
      const id = `ensure-${process.pid}-${Date.now().toString(36)}-${round}`
      const topics = { input: `${id}-in`, changelog: `${id}-state`, live: `${id}-live`, dlq: `${id}-dlq`, anomaly: `${id}-anomaly`, machineHours: `${id}-hours` }
      const results = await Promise.all([ensureAggregatorTopics(kafka, topics), ensureAggregatorTopics(kafka, topics), ensureAggregatorTopics(kafka, topics)])
      expect(results).toEqual([{ inputPartitions: 12 }, { inputPartitions: 12 }, { inputPartitions: 12 }])
    }
  })
})
