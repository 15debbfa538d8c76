import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import { ingestConfigSchema, startIngest, type Ingest } from '@millstream/ingest'
import { createLogger, loadConfig, type Logger } from '@millstream/runtime'
import { loadRegistry, loadSparkplugMapping, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { mqttPassword, servers, uniqueName } from './servers.ts'

export const TEST_PLANT_USER = 'gw-test-firm-test-plant'
export const TEST_PREFIX = 'mill/v1/test-firm/test-plant'
/** Machines of seeds/test-registry.json that publish counts, as line/machine. */
export const TEST_COUNTERS = ['weaving/loom-01', 'weaving/loom-02', 'spinning/rf-01', 'dyeing/jd-01', 'finishing/st-01', 'sewing/sw-01', 'sewing/sw-02']

/** The environment a test ingest instance runs with: its own client id and share group. */
export function ingestEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const s = servers()
  return {
    KAFKA_BROKERS: s.kafkaBrokers,
    MQTT_URL: s.mqttUrl,
    MQTT_USERNAME: 'ingest',
    MQTT_PASSWORD: mqttPassword('ingest'),
    REGISTRY_PATH: TEST_REGISTRY_PATH,
    INGEST_CLIENT_ID: uniqueName('ingest'),
    INGEST_SHARE_GROUP: uniqueName('share'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    // Each test ingest has its own share group: a session left behind would collect a copy of
    // every later message until it expires, so it must expire soon (restarts within a test are
    // seconds apart).
    INGEST_SESSION_EXPIRY: '60s',
    ...overrides,
  }
}

export async function startTestIngest(overrides: Record<string, string> = {}, logger?: Logger): Promise<Ingest> {
  const env = ingestEnv(overrides)
  const config = loadConfig(ingestConfigSchema, env)
  const registry = loadRegistry(TEST_REGISTRY_PATH)
  // INGEST_SPARKPLUG=true makes this instance the Sparkplug B host too (seeds/sparkplug.json).
  const sparkplugNodes = config.INGEST_SPARKPLUG ? loadSparkplugMapping(registry) : undefined
  return startIngest({ config, logger: logger ?? createLogger({ name: 'ingest-test', level: config.LOG_LEVEL }), registry, mqttPassword: env.MQTT_PASSWORD as string, ...(sparkplugNodes ? { sparkplugNodes } : {}) })
}

/** `count` messages for each test machine, seq 1..count, event times from `baseMs` a second apart. */
export function countJobs(baseMs: number, count: number, machines = TEST_COUNTERS) {
  const jobs: { topic: string; payload: string }[] = []
  for (let seq = 1; seq <= count; seq++) {
    for (const m of machines) jobs.push({ topic: `${TEST_PREFIX}/${m}/count`, payload: JSON.stringify({ ts: baseMs + seq * 1000, total: seq * 10, seq }) })
  }
  return jobs
}

export const telemetryTopic = KAFKA_TOPICS.telemetry
export type { TelemetryRecord }
