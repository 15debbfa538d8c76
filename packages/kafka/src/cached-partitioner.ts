import { Partitioners, type ICustomPartitioner, type PartitionerArgs, type PartitionMetadata } from 'kafkajs'

/**
 * Kafka's default partitioner (murmur2 of the key, Java-compatible), remembered per topic, key
 * and partition count. A plant has a few thousand device keys and each recurs every few seconds:
 * hashing every message again (murmur2 copies the key into a Buffer) was a measurable share of
 * ingest's CPU and of the aggregator's allocations. A message that names its partition goes there
 * without the default's per-message list of available partitions.
 */
export const cachedPartitioner: ICustomPartitioner = () => {
  const keyed = keyedPartitions()
  const partition = Partitioners.DefaultPartitioner()
  return (args) => {
    const { message } = args
    if (message.partition !== undefined && message.partition !== null) return message.partition
    return typeof message.key === 'string' ? keyed(args.topic, message.key, args.partitionMetadata) : partition(args)
  }
}

/**
 * A cached partitioner for a producer (`createPartitioner`), and the same answer outside kafkajs:
 * where a keyed message will go, with the partition count kafkajs last passed the partitioner for
 * its topic. Ingest's batcher bounds each partition's bytes in a produce request with it instead
 * of the whole request's (issue 16).
 */
export interface PartitionPlanner {
  createPartitioner: ICustomPartitioner
  /** The partition of a message with this key; undefined before a first send to `topic`, or without a string key. */
  partitionOf(topic: string, key: unknown): number | undefined
}

export function createPartitionPlanner(): PartitionPlanner {
  const counts = new Map<string, number>()
  const keyed = keyedPartitions()
  const metadataOf = new Map<number, PartitionMetadata[]>()
  return {
    createPartitioner: () => {
      const cached = cachedPartitioner()
      return (args) => {
        const count = args.partitionMetadata.length
        if (counts.get(args.topic) !== count) counts.set(args.topic, count)
        return cached(args)
      }
    },
    partitionOf(topic, key) {
      const count = counts.get(topic)
      if (count === undefined || count === 0 || typeof key !== 'string') return undefined
      let metadata = metadataOf.get(count)
      if (metadata === undefined) metadataOf.set(count, (metadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [], isr: [] }))))
      return keyed(topic, key, metadata)
    },
  }
}

/** The default partitioner's answer for a string key, cached per topic, key and partition count. */
function keyedPartitions() {
  const partition = Partitioners.DefaultPartitioner()
  const byTopic = new Map<string, Map<string, { partition: number; count: number }>>()
  let size = 0
  return (topic: string, key: string, partitionMetadata: PartitionMetadata[]): number => {
    let cache = byTopic.get(topic)
    if (cache === undefined) byTopic.set(topic, (cache = new Map()))
    const count = partitionMetadata.length
    const known = cache.get(key)
    // The partition count is kept with the partition: a topic that grows is hashed again.
    if (known !== undefined && known.count === count) return known.partition
    const p = partition({ topic, partitionMetadata, message: { key, value: null } } satisfies PartitionerArgs)
    // Bounded: a registry change or a flood of unknown keys must not grow it without end.
    if (size >= 100_000) {
      byTopic.clear()
      size = 0
      byTopic.set(topic, (cache = new Map()))
    }
    if (!cache.has(key)) size++
    cache.set(key, { partition: p, count })
    return p
  }
}
