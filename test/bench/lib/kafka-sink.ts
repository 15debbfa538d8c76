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
        for (const ts of publishTimes(String(m.value))) {
          stats.count += 1
          if (stats.firstAtMs === 0) stats.firstAtMs = now
          stats.lastAtMs = now
          stats.latenciesMs.push(now - ts)
        }
      }
    },
  })
  return { stats, stop: () => consumer.disconnect() }
}

type Sample = { ts?: number; total?: number; fields?: { ts?: number; total?: number }; samples?: Sample[] }

/**
 * The publish times of the samples in one Kafka value: MillStream records and raw v1 payloads
 * carry `ts`; device batch records and raw batches (the floor) carry `samples`; Telegraf's JSON
 * nests each metric's fields under `fields`.
 */
function publishTimes(value: string): number[] {
  let parsed: Sample
  try {
    parsed = JSON.parse(value) as Sample
  } catch {
    return []
  }
  const samples = Array.isArray(parsed.samples) ? parsed.samples : [parsed]
  const times: number[] = []
  for (const s of samples) {
    const ts = s.ts ?? s.fields?.ts
    const total = s.total ?? s.fields?.total
    // Deliberately bad input (total -1) is not a delivery: only valid samples are timed.
    if (typeof ts === 'number' && !(typeof total === 'number' && total < 0)) times.push(ts)
  }
  return times
}
