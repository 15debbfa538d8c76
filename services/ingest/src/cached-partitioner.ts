import { Partitioners, type ICustomPartitioner } from 'kafkajs'

/**
 * Kafka's default partitioner (murmur2 of the key, Java-compatible), remembered per topic, key
 * and partition count: a plant has a few thousand device keys and each recurs every few seconds,
 * so hashing every message again was a measurable share of ingest's CPU.
 */
export const cachedPartitioner: ICustomPartitioner = () => {
  const partition = Partitioners.DefaultPartitioner()
  const cache = new Map<string, number>()
  return (args) => {
    const key = args.message.key
    if (typeof key !== 'string') return partition(args)
    const id = `${args.topic}\u0000${args.partitionMetadata.length}\u0000${key}`
    let p = cache.get(id)
    if (p === undefined) {
      p = partition(args)
      // Bounded: a registry change or a flood of unknown keys must not grow it without end.
      if (cache.size > 100_000) cache.clear()
      cache.set(id, p)
    }
    return p
  }
}
