import { Kafka, logLevel } from 'kafkajs'

export interface SinkStats {
  count: number
  firstAtMs: number
  lastAtMs: number
  latenciesMs: number[]
}

/** Reads a contender's output topic and measures, per message, now minus the payload's publish `ts`. */
export async function startSink(brokers: string[], topic: string) {
  const kafka = new Kafka({ clientId: 'bench-sink', brokers, logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `bench-sink-${topic}`, maxWaitTimeInMs: 20, minBytes: 1 })
  const stats: SinkStats = { count: 0, firstAtMs: 0, lastAtMs: 0, latenciesMs: [] }
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now()
      for (const m of batch.messages) {
        const ts = publishTs(String(m.value))
        if (ts === undefined) continue
        stats.count += 1
        if (stats.firstAtMs === 0) stats.firstAtMs = now
        stats.lastAtMs = now
        stats.latenciesMs.push(now - ts)
      }
    },
  })
  return { stats, stop: () => consumer.disconnect() }
}

/** MillStream records and raw payloads carry `ts`; Telegraf's JSON nests it under `fields`. */
function publishTs(value: string): number | undefined {
  try {
    const parsed = JSON.parse(value) as { ts?: number; fields?: { ts?: number }; total?: number; fields_total?: number }
    const ts = parsed.ts ?? parsed.fields?.ts
    const total = parsed.total ?? (parsed.fields as { total?: number } | undefined)?.total
    // Deliberately bad input (total -1) is not a delivery: only valid messages are timed.
    if (typeof ts !== 'number' || (typeof total === 'number' && total < 0)) return undefined
    return ts
  } catch {
    return undefined
  }
}
