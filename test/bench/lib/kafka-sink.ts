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
  const consumer = kafka.consumer({ groupId: `bench-sink-${topic}`, maxWaitTimeInMs: 20, minBytes: 1 << 16 })
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

/**
 * The publish times of the valid samples in one Kafka value, read without building its objects
 * (JSON.parse of every value was most of the sink thread's CPU, which the contenders share the
 * machine with). Each sample is the flat object around a `"ts":` number: MillStream records and
 * raw v1 payloads are one; device batch records and raw batches (the floor) hold one per element
 * of `samples`; Telegraf's JSON holds one in `fields`. A sample whose `total` is negative is the
 * load's deliberately bad input, not a delivery, and is not timed.
 */
export function publishTimes(value: string): number[] {
  const times: number[] = []
  let bad = value.indexOf(BAD)
  for (let at = value.indexOf(TS); at !== -1; at = value.indexOf(TS, at + TS.length)) {
    const start = value.lastIndexOf('{', at)
    const end = value.indexOf('}', at)
    while (bad !== -1 && bad < start) bad = value.indexOf(BAD, bad + BAD.length)
    if (bad !== -1 && bad < end) continue
    let ts = 0
    let i = at + TS.length
    for (let c = value.charCodeAt(i); c >= 48 && c <= 57; c = value.charCodeAt(++i)) ts = ts * 10 + (c - 48)
    if (i > at + TS.length) times.push(ts)
  }
  return times
}

const TS = '"ts":'
const BAD = '"total":-'
