import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { flux } from '@influxdata/influxdb-client'
import { aggregatorConfigSchema, startAggregator } from '@millstream/aggregator'
import { createLogger, loadConfig } from '@millstream/runtime'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import mqtt from 'mqtt'
import { benchKafka, benchServers, createBucket, deleteBucket, median, timedQuery } from './bench-env.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const MACHINES = ['weaving/loom-01', 'weaving/loom-02', 'spinning/rf-01', 'dyeing/jd-01', 'finishing/st-01', 'sewing/sw-01', 'sewing/sw-02']

export interface E2eResult {
  minutes: number
  /** From a minute's end (wall clock = event time here) until its point answers a Flux query. */
  latencyMs: { median: number; max: number; all: number[] }
}

/**
 * The whole path with default settings: gateways publish (QoS 1) the test plant's machines every
 * second with ts = now, ingest bridges to Kafka, the aggregator writes InfluxDB; a poller asks
 * InfluxDB every 100 ms for the newest machine_minute and notes when each minute appears.
 */
export async function e2eBench(minutes: number, log: (msg: string) => void): Promise<E2eResult> {
  const s = benchServers()
  const mqttUrl = process.env.MQTT_URL
  const credentialsFile = process.env.MQTT_CREDENTIALS_FILE
  if (!mqttUrl || !credentialsFile) throw new Error('MQTT_URL and MQTT_CREDENTIALS_FILE unset: source .run/servers/env')
  const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, string>
  const id = `bench-e2e-${Date.now().toString(36)}`
  const admin = benchKafka(s).admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: id, numPartitions: 12 }] })
  await createBucket(s, id)
  const ingest = spawn(process.execPath, ['--import', 'tsx', 'services/ingest/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MQTT_USERNAME: 'ingest', MQTT_PASSWORD: credentials.ingest, REGISTRY_PATH: TEST_REGISTRY_PATH, INGEST_CLIENT_ID: id, INGEST_SHARE_GROUP: id, INGEST_TELEMETRY_TOPIC: id, INGEST_DLQ_TOPIC: `${id}.dlq`, HTTP_PORT: '0', LOG_LEVEL: 'warn', INGEST_SESSION_EXPIRY: '30s' },
  })
  const config = loadConfig(aggregatorConfigSchema, {
    KAFKA_BROKERS: s.kafkaBrokers, INFLUX_URL: s.influxUrl, INFLUX_TOKEN: s.influxToken, INFLUX_ORG: s.influxOrg, INFLUX_BUCKET: id, REGISTRY_PATH: TEST_REGISTRY_PATH,
    AGG_GROUP_ID: `${id}.group`, AGG_INPUT_TOPIC: id, AGG_CHANGELOG_TOPIC: `${id}.state`, AGG_LIVE_TOPIC: `${id}.live`, AGG_DLQ_TOPIC: `${id}.agg-dlq`,
    AGG_ANOMALY_TOPIC: `${id}.anomaly`, AGG_MACHINE_HOURS_TOPIC: `${id}.hours`, HTTP_PORT: '0', LOG_LEVEL: 'warn',
  })
  const aggregator = await startAggregator({ config, logger: createLogger({ name: 'bench-e2e', level: 'warn' }), registry: loadRegistry(TEST_REGISTRY_PATH) })
  // Its own client id: ingest logs in as `id`, and the broker drops the older of two sessions with one id.
  const gateway = await mqtt.connectAsync(mqttUrl, { protocolVersion: 5, clientId: `${id}-gw`, username: 'gw-test-firm-test-plant', password: credentials['gw-test-firm-test-plant'] })
  const appeared = new Map<number, number>()
  let publishing = true
  let seq = 0
  const publisher = (async () => {
    while (publishing) {
      const ts = Date.now()
      await Promise.all(MACHINES.flatMap((m) => [
        gateway.publishAsync(`mill/v1/test-firm/test-plant/${m}/state`, JSON.stringify({ ts, state: 'running', seq: seq++ }), { qos: 1 }),
        gateway.publishAsync(`mill/v1/test-firm/test-plant/${m}/count`, JSON.stringify({ ts, total: Math.floor(ts / 100), seq: seq++ }), { qos: 1 }),
      ]))
      await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - ts))))
    }
  })()
  try {
    const until = Date.now() + (minutes + 1.2) * 60_000
    const newestMinute = flux`from(bucket: ${id}) |> range(start: -15m) |> filter(fn: (r) => r._measurement == "machine_minute" and r._field == "running_s") |> group() |> max(column: "_time")`
    log(`  e2e: publishing ${MACHINES.length * 2} messages/s for ${minutes + 1.2} minutes`)
    while (Date.now() < until) {
      const { csv } = await timedQuery(s, newestMinute)
      const times = [...csv.matchAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:00Z/g)].map((m) => Date.parse(m[0]))
      const newest = Math.max(0, ...times.filter((t) => t > 0))
      if (newest > 0 && !appeared.has(newest)) appeared.set(newest, Date.now())
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    publishing = false
    await publisher.catch(() => undefined)
    await gateway.endAsync()
    await aggregator.stop()
    ingest.kill('SIGTERM')
    await deleteBucket(s, id)
    await admin.deleteTopics({ topics: [id, `${id}.dlq`, `${id}.state`, `${id}.live`, `${id}.agg-dlq`, `${id}.anomaly`, `${id}.hours`] }).catch(() => undefined)
    await admin.disconnect()
  }
  // The first minute seen may have been half published: only minutes whole inside the run count.
  const latencies = [...appeared].slice(1).map(([minuteStart, at]) => at - (minuteStart + 60_000))
  return { minutes: latencies.length, latencyMs: { median: median(latencies), max: Math.max(...latencies), all: latencies } }
}
