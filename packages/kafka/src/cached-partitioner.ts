import { Partitioners, type ICustomPartitioner } from 'kafkajs'

/**
 * Kafka's default partitioner (murmur2 of the key, Java-compatible), remembered per topic, key
 * and partition count. A plant has a few thousand device keys and each recurs every few seconds:
 * hashing every message again (murmur2 copies the key into a Buffer) was a measurable share of
 * ingest's CPU and of the aggregator's allocations. A message that names its partition goes there
 * without the default's per-message list of available partitions.
 */
export const cachedPartitioner: ICustomPartitioner = () => {
  const partition = Partitioners.DefaultPartitioner()
  const byTopic = new Map<string, Map<string, { partition: number; count: number }>>()
  let size = 0
  return (args) => {
    const { message } = args
    if (message.partition !== undefined && message.partition !== null) return message.partition
    const key = message.key
    if (typeof key !== 'string') return partition(args)
    let cache = byTopic.get(args.topic)
    if (cache === undefined) byTopic.set(args.topic, (cache = new Map()))
    const count = args.partitionMetadata.length
    const known = cache.get(key)
    // The partition count is kept with the partition: a topic that grows is hashed again.
    if (known !== undefined && known.count === count) return known.partition
    const p = partition(args)
    // Bounded: a registry change or a flood of unknown keys must not grow it without end.
    if (size >= 100_000) {
      byTopic.clear()
      size = 0
      byTopic.set(args.topic, (cache = new Map()))
    }
    if (!cache.has(key)) size++
    cache.set(key, { partition: p, count })
    return p
  }
}
