// Sparkplug B host benchmark: edge nodes publish DDATA as fast as a QoS 1 window lets them; the
// ingest process (its Sparkplug host on) writes device batch records to a fresh Kafka topic.
// Reports samples/s into Kafka and the ingest process's CPU. See docs/performance.md.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadRegistries } from '@millstream/seeds'
import { Kafka, logLevel } from 'kafkajs'
import mqtt from 'mqtt'
import sparkplugPayload from 'sparkplug-payload'
import { cpuSeconds } from './lib/proc-stats.ts'

const HELP = `Usage: pnpm bench:sparkplug [--duration S] [--window N] [--plants N]
Needs the servers (bash deploy/local/servers.sh up) and their env (set -a; . .run/servers/env).
Each plant of the demo registry is an edge node on its own connection; every DDATA carries three
metrics (State, Count/Total, Energy/electricity/Total) of one machine, alias only: three samples.`
const { values } = parseArgs({ options: { duration: { type: 'string', default: '20' }, window: { type: 'string', default: '500' }, plants: { type: 'string', default: '5' }, help: { type: 'boolean' } } })
if (values.help) {
  console.log(HELP)
  process.exit(0)
}
const durationMs = Number(values.duration) * 1000
const windowSize = Number(values.window)
const need = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: source .run/servers/env first`)
  return value
}
const env = { MQTT_URL: need('MQTT_URL'), MQTT_PASSWORD: need('MQTT_PASSWORD'), KAFKA_BROKERS: need('KAFKA_BROKERS'), MQTT_CREDENTIALS_FILE: need('MQTT_CREDENTIALS_FILE') }
const spB = sparkplugPayload.get('spBv1.0')!
const credentials = JSON.parse(readFileSync(env.MQTT_CREDENTIALS_FILE, 'utf8')) as Record<string, string>
const plants = loadRegistries(undefined).firms.flatMap((f) => f.plants.map((p) => ({ firm: f.id, plant: p, machines: p.lines.flatMap((l) => l.machines.filter((m) => m.meters.includes('electricity')).map((m) => m.id)) }))).slice(0, Number(values.plants))
const run = `bench-spb-${Date.now().toString(36)}`
const topic = `${run}.telemetry`
const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: run, logLevel: logLevel.NOTHING })

const ingest = spawn(process.execPath, ['--import', 'tsx', 'services/ingest/src/main.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, INGEST_SPARKPLUG: 'true', INGEST_CLIENT_ID: run, INGEST_SHARE_GROUP: run, INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq`, INGEST_SESSION_EXPIRY: '60s', HTTP_PORT: '0', LOG_LEVEL: 'warn' },
})
const recordsIn = async (topic: string) => {
  const admin = kafka.admin()
  await admin.connect()
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0)
  } catch {
    return 0
  } finally {
    await admin.disconnect()
  }
}
// Ready when the STATE birth is retained and the subscription is granted: poll the STATE topic.
await new Promise<void>((resolve) => {
  const probe = mqtt.connect(env.MQTT_URL, { username: 'ingest', password: env.MQTT_PASSWORD })
  probe.on('connect', () => probe.subscribe('spBv1.0/STATE/millstream'))
  probe.on('message', (_t, p) => (JSON.parse(p.toString()).online ? setTimeout(() => probe.end(true, {}, () => resolve()), 2000) : undefined))
})

// Event times a millisecond apart from two hours back: valid for ingest's clock checks whatever the rate.
const base = Date.now() - 2 * 3_600_000
let published = 0
const node = async ({ firm, plant, machines }: (typeof plants)[number]) => {
  const username = `gw-${firm}-${plant.id}`
  const c = await mqtt.connectAsync(env.MQTT_URL, { username, password: credentials[username], protocolVersion: 5 })
  const t = (type: string, device?: string) => `spBv1.0/${firm}/${type}/${plant.id}${device ? `/${device}` : ''}`
  let seq = 0
  const next = () => (seq = (seq + 1) % 256)
  await c.publishAsync(t('NBIRTH'), Buffer.from(spB.encodePayload({ timestamp: Date.now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] })), { qos: 1 })
  for (const m of machines) {
    const metrics = [{ name: 'State', alias: 1, type: 'String' as const, value: null, isNull: true }, { name: 'Count/Total', alias: 2, type: 'Double' as const, value: null, isNull: true }, { name: 'Energy/electricity/Total', alias: 3, type: 'Double' as const, value: null, isNull: true }]
    await c.publishAsync(t('DBIRTH', m), Buffer.from(spB.encodePayload({ timestamp: Date.now(), seq: next(), metrics })), { qos: 1 })
  }
  let i = 0
  let open = 0
  const deadline = Date.now() + durationMs
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (open < windowSize && Date.now() < deadline) {
        const m = machines[i % machines.length] as string
        const ts = base + i
        const payload = spB.encodePayload({ timestamp: ts, seq: next(), metrics: [{ alias: 1, type: 'String', value: 'running' }, { alias: 2, type: 'Double', value: i }, { alias: 3, type: 'Double', value: i / 10 }] })
        i += 1
        open += 1
        c.publish(t('DDATA', m), Buffer.from(payload), { qos: 1 }, () => {
          open -= 1
          published += 1
          if (Date.now() < deadline) setImmediate(pump)
          else if (open === 0) resolve()
        })
      }
    }
    pump()
  })
  await c.endAsync()
}

const cpu0 = cpuSeconds(ingest.pid as number)
const t0 = Date.now()
await Promise.all(plants.map(node))
// Every DDATA is one Kafka record: on the telemetry topic, or (any refused) on the dead-letter topic.
const waitUntil = Date.now() + 120_000
while ((await recordsIn(topic)) + (await recordsIn(`${topic}.dlq`)) < published && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 200))
const elapsedS = (Date.now() - t0) / 1000
const cpuS = cpuSeconds(ingest.pid as number) - cpu0
const dead = await recordsIn(`${topic}.dlq`)
const samples = (published - dead) * 3
console.log(JSON.stringify({ edgeNodes: plants.length, ddata: published, deadLettered: dead, samples, elapsedS: +elapsedS.toFixed(2), samplesPerS: Math.round(samples / elapsedS), ddataPerS: Math.round(published / elapsedS), ingestCpuCores: +(cpuS / elapsedS).toFixed(2), cpuSPerMillionSamples: +((cpuS / samples) * 1e6).toFixed(1) }))
ingest.kill('SIGTERM')
