// Live fan-out benchmark (not a timed test): N SSE clients on one API instance, each minute record
// produced to the live topic timed until every client has it. Servers of .run/servers/env. See
// docs/performance.md. The clients run in this process beside the API: their parsing competes with
// it for the same core, so the figures are upper bounds.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ELEMENT_FIELDS, PRODUCTION_FIELDS, STATE_FIELDS } from '@millstream/contract'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { Kafka, logLevel } from 'kafkajs'
import { openSse } from '../api/sse-client.ts'
import { startBenchApi } from './lib/bench-api.ts'
import { percentiles } from './lib/percentiles.ts'

const { values } = parseArgs({ options: { clients: { type: 'string', default: '200' }, records: { type: 'string', default: '60' }, 'every-ms': { type: 'string', default: '250' } } })
const CLIENTS = Number(values.clients)
const RECORDS = Number(values.records)
const env = process.env
if (!env.KAFKA_BROKERS || !env.INFLUX_URL) throw new Error('source .run/servers/env first')
const suffix = Date.now().toString(36)
const MINUTES = `bench-live-minutes-${suffix}`
const TELEMETRY = `bench-live-telemetry-${suffix}`
const kafka = new Kafka({ clientId: `bench-sse-${suffix}`, brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING })
const admin = kafka.admin()
await admin.connect()
await admin.createTopics({ topics: [{ topic: MINUTES, numPartitions: 3 }, { topic: TELEMETRY, numPartitions: 3 }], waitForLeaders: true })
await admin.disconnect()

const { api, base, token } = await startBenchApi(loadRegistry(TEST_REGISTRY_PATH), { API_LIVE_TOPIC: MINUTES, API_TELEMETRY_TOPIC: TELEMETRY })
for (const deadline = Date.now() + 60_000; !api.liveRunning && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100))

/** Arrival times per record (minuteStartMs) per client. */
const arrivals = Array.from({ length: CLIENTS }, () => new Map<number, number>())
const snapshots = new Set<Map<number, number>>()
const clients = arrivals.map((got) =>
  openSse(`${base}/v1/firms/test-firm/plants/test-plant/live`, token, undefined, (e, at) => {
    if (e.event === 'snapshot') snapshots.add(got)
    if (e.event === 'minute') got.set((e.data as { minuteStartMs: number }).minuteStartMs, at)
  }),
)
for (const deadline = Date.now() + 60_000; snapshots.size < CLIENTS && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100))

const producer = kafka.producer()
await producer.connect()
const fields = Object.fromEntries([...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', ...PRODUCTION_FIELDS].map((f) => [f, 0]))
const record = (minuteStartMs: number) => ({ v: 1, kind: 'machine', firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: 'loom-01', minuteStartMs, final: false, fields: { ...fields, running_s: 60 }, stops: {}, intake: { samples: 1, late: 0, duplicates: 0, tooLate: 0, discontinuities: 0 } })
// Warm-up: until every client has one record (the live consumer group joins in the background).
const warm = 0
for (const deadline = Date.now() + 60_000; arrivals.some((a) => !a.has(warm)) && Date.now() < deadline;) {
  await producer.send({ topic: MINUTES, messages: [{ key: 'test-firm/test-plant/weaving/loom-01', value: JSON.stringify(record(warm)) }] })
  await new Promise((r) => setTimeout(r, 500))
}
const sent = new Map<number, number>()
for (let i = 1; i <= RECORDS; i++) {
  const minuteStartMs = i * 60_000
  sent.set(minuteStartMs, Date.now())
  await producer.send({ topic: MINUTES, acks: -1, messages: [{ key: 'test-firm/test-plant/weaving/loom-01', value: JSON.stringify(record(minuteStartMs)) }] })
  await new Promise((r) => setTimeout(r, Number(values['every-ms'])))
}
await new Promise((r) => setTimeout(r, 3_000))
const latencies: number[] = []
let missing = 0
for (const got of arrivals) {
  for (const [m, at] of sent) {
    const t = got.get(m)
    if (t === undefined) missing += 1
    else latencies.push(t - at)
  }
}
const [p50, p95, p99, max] = percentiles(latencies, [50, 95, 99, 100])
const within1s = latencies.filter((l) => l <= 1000).length / (CLIENTS * RECORDS)
console.log(JSON.stringify({ clients: CLIENTS, records: RECORDS, deliveries: latencies.length, missing, droppedClients: api.droppedClients, latencyMs: { p50, p95, p99, max }, shareWithin1s: within1s, loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') }, null, 2))
await producer.disconnect()
await Promise.all(clients.map((c) => c.close()))
await api.stop()
process.exit(0)
