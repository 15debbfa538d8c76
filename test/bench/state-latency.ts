// Device publish to state change on an SSE client (not a timed test): a gateway publishes state
// changes over MQTT (QoS 1), ingest bridges them to Kafka, the API's live consumer pushes them to
// the client. Ingest, the API and the client share this process (upper bounds). Servers of
// .run/servers/env. See docs/performance.md.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ingestConfigSchema, startIngest } from '@millstream/ingest'
import { loadConfig } from '@millstream/runtime'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import mqtt from 'mqtt'
import pino from 'pino'
import { openSse } from '../api/sse-client.ts'
import { startBenchApi } from './lib/bench-api.ts'
import { percentiles } from './lib/percentiles.ts'

const { values } = parseArgs({ options: { changes: { type: 'string', default: '300' }, 'every-ms': { type: 'string', default: '50' } } })
const CHANGES = Number(values.changes)
const env = process.env
if (!env.KAFKA_BROKERS || !env.MQTT_URL || !env.MQTT_CREDENTIALS_FILE) throw new Error('source .run/servers/env first')
const credentials = JSON.parse(readFileSync(env.MQTT_CREDENTIALS_FILE, 'utf8')) as Record<string, string>
const suffix = Date.now().toString(36)
const TOPIC = `bench-state-telemetry-${suffix}`
const registry = loadRegistry(TEST_REGISTRY_PATH)
const silent = pino({ level: 'silent' })

const ingestConfig = loadConfig(ingestConfigSchema, {
  KAFKA_BROKERS: env.KAFKA_BROKERS, MQTT_URL: env.MQTT_URL, MQTT_USERNAME: 'ingest', MQTT_PASSWORD: credentials.ingest ?? '', REGISTRY_PATH: TEST_REGISTRY_PATH,
  INGEST_CLIENT_ID: `bench-ingest-${suffix}`, INGEST_SHARE_GROUP: `bench-share-${suffix}`, INGEST_TELEMETRY_TOPIC: TOPIC, INGEST_SESSION_EXPIRY: '60s', HTTP_PORT: '0', LOG_LEVEL: 'warn',
})
const ingest = await startIngest({ config: ingestConfig, logger: silent, registry, mqttPassword: credentials.ingest ?? '' })

const { api, base, token } = await startBenchApi(registry, { API_TELEMETRY_TOPIC: TOPIC, API_LIVE_TOPIC: `bench-state-minutes-${suffix}` })

/** Arrival time of each state event on the client, by the device's `ts`. */
const arrived = new Map<number, number>()
const client = openSse(`${base}/v1/firms/test-firm/plants/test-plant/live?line=weaving`, token, undefined, (e, at) => {
  if (e.event === 'state') arrived.set((e.data as { ts: number }).ts, at)
})
const gateway = await mqtt.connectAsync(env.MQTT_URL, { protocolVersion: 5, clientId: `bench-gw-${suffix}`, username: 'gw-test-firm-test-plant', password: credentials['gw-test-firm-test-plant'] ?? '' })
const publish = async (tsMs: number, state: string, seq: number) => gateway.publishAsync('mill/v1/test-firm/test-plant/weaving/loom-01/state', JSON.stringify({ ts: tsMs, state, seq, ...(state === 'down' ? { reason: 'warp_break' } : {}) }), { qos: 1 })
// Warm-up: until the live consumer (joining in the background) delivers one.
let seq = 1
for (const deadline = Date.now() + 90_000; arrived.size === 0 && Date.now() < deadline;) {
  await publish(Date.now(), 'running', seq++)
  await new Promise((r) => setTimeout(r, 500))
}
const published = new Map<number, number>()
const refused: string[] = []
for (let i = 0; i < CHANGES; i++) {
  let ts = Date.now()
  while (published.has(ts)) ts += 1
  published.set(ts, Date.now())
  // Not awaited: the device does not wait for its PUBACK before the next change; a refusal is counted.
  publish(ts, i % 2 ? 'running' : 'down', seq++).then((ack) => {
    const code = (ack as { reasonCode?: number } | undefined)?.reasonCode ?? 0
    if (code !== 0) refused.push(`${ts}: reason ${code}`)
  }, (err: unknown) => refused.push(`${ts}: ${String(err)}`))
  await new Promise((r) => setTimeout(r, Number(values['every-ms'])))
}
// Until every change arrived, or 30 s: a late one is measured, not counted missing.
for (const deadline = Date.now() + 30_000; [...published.keys()].some((ts) => !arrived.has(ts)) && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100))
const latencies = [...published].flatMap(([ts, at]) => (arrived.has(ts) ? [(arrived.get(ts) as number) - at] : []))
const [p50, p95, p99, max] = percentiles(latencies, [50, 95, 99, 100])
const missingTs = [...published.keys()].filter((ts) => !arrived.has(ts))
console.log(JSON.stringify({ changes: CHANGES, delivered: latencies.length, missing: missingTs.length, firstMissing: missingTs.slice(0, 5).map((ts) => [...published.keys()].indexOf(ts)), refused: refused.slice(0, 5), latencyMs: { p50, p95, p99, max }, loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') }, null, 2))
await gateway.endAsync()
await client.close()
await api.stop()
await ingest.stop()
process.exit(0)
