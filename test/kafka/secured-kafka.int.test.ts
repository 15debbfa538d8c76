import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KAFKA_TOPICS } from '@millstream/contract'
import { kafkaSecurity } from '@millstream/kafka'
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { openSse } from '../api/sse-client.ts'
import { startTestAggregator } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { startTestIngest, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { freePort } from '../support/process.ts'
import { mqttPassword, servers, uniqueName } from '../support/servers.ts'

// A Kafka of its own with MILLSTREAM_KAFKA_SECURITY=sasl_ssl (deploy/local/lib/kafka-secure.sh):
// TLS, a SCRAM user per service, and the ACLs of @millstream/kafka SERVICE_GRANTS (issue 17).
const runDir = mkdtempSync(join(tmpdir(), 'millstream-secured-kafka-'))
let env: Record<string, string> = {}
let brokers = ''
const T = KAFKA_TOPICS
const servicesScript = join(import.meta.dirname, '../../deploy/local/servers.sh')
const serversCli = (...args: string[]) => spawnSync('bash', [servicesScript, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 })

const password = (user: string) => readFileSync(join(runDir, 'kafka/credentials', `${user}.password`), 'utf8').trim()
const serviceEnv = (user: string) => ({ KAFKA_BROKERS: brokers, KAFKA_SECURITY: 'sasl_ssl', KAFKA_CA_FILE: join(runDir, 'kafka/tls/ca.crt'), KAFKA_SASL_USERNAME: user, KAFKA_SASL_PASSWORD_FILE: join(runDir, 'kafka/credentials', `${user}.password`) })
const client = (config: Omit<KafkaConfig, 'brokers'>) => new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, connectionTimeout: 5_000, retry: { retries: 6, initialRetryTime: 300 }, ...config })
const as = (user: string, pw = password(user)) => client({ clientId: `test-${user}`, ...kafkaSecurity({ ...serviceEnv(user), KAFKA_SECURITY: 'sasl_ssl', KAFKA_SASL_MECHANISM: 'scram-sha-512' }), sasl: { mechanism: 'scram-sha-512', username: user, password: pw } })
/** The broker's error code (kafkajs wraps it in retry errors), or the error's name. */
const errorKind = (err: unknown): string => {
  const chain: string[] = []
  for (let e = err as { type?: string; name?: string; cause?: unknown; originalError?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e) chain.push(e.type ?? e.name ?? '?')
  if (process.env.DEBUG_ERRORS) console.log(chain)
  return chain.find((c) => /^[A-Z_]+$/.test(c)) ?? chain[0] ?? 'unknown'
}
/** The error kafkajs gives for one produce, or 'ok'. */
const produceAs = async (kafka: Kafka, topic: string, transactionalId?: string): Promise<string> => {
  const producer = kafka.producer(transactionalId ? { transactionalId, idempotent: true, maxInFlightRequests: 1 } : {})
  try {
    await producer.connect()
    if (!transactionalId) {
      await producer.send({ topic, messages: [{ key: 'k', value: 'x' }] })
    } else {
      const txn = await producer.transaction()
      await txn.send({ topic, messages: [{ key: 'k', value: 'x' }] })
      await txn.commit()
    }
    return 'ok'
  } catch (err) {
    return errorKind(err)
  } finally {
    await producer.disconnect().catch(() => undefined)
  }
}

/** Reads one record of the telemetry topic from its start in `groupId`: 'ok', or why it could not. */
const consumeOne = async (kafka: Kafka, groupId: string): Promise<string> => {
  const consumer = kafka.consumer({ groupId })
  try {
    await consumer.connect()
    await consumer.subscribe({ topic: T.telemetry, fromBeginning: true })
    return await new Promise<string>((resolve) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(errorKind(payload.error)))
      consumer.run({ eachMessage: async () => resolve('ok') }).catch((err: unknown) => resolve(errorKind(err)))
      setTimeout(() => resolve('timeout'), 30_000)
    })
  } finally {
    await consumer.disconnect().catch(() => undefined)
  }
}

beforeAll(async () => {
  const kafkaPort = await freePort()
  brokers = `127.0.0.1:${kafkaPort}`
  env = { MILLSTREAM_RUN_DIR: runDir, MILLSTREAM_KAFKA_SECURITY: 'sasl_ssl', MILLSTREAM_KAFKA_PORT: String(kafkaPort), MILLSTREAM_KAFKA_CONTROLLER_PORT: String(await freePort()) }
  const up = serversCli('up', 'kafka')
  if (up.status !== 0) throw new Error(`secured kafka did not start:\n${up.stderr}\n${readFileSync(join(runDir, 'kafka/server.log'), 'utf8').slice(-3000)}`)
}, 300_000)
afterAll(() => {
  serversCli('down', 'kafka')
  rmSync(runDir, { recursive: true, force: true })
}, 120_000)

describe('a secured Kafka (TLS, SASL/SCRAM, ACLs per service)', () => {
  it('refuses clients without TLS, without credentials, or with a wrong password', async () => {
    expect(await produceAs(client({ clientId: 'plain' }), T.telemetry)).not.toBe('ok')
    expect(await produceAs(client({ clientId: 'tls-only', ssl: { ca: [readFileSync(join(runDir, 'kafka/tls/ca.crt'), 'utf8')] } }), T.telemetry)).not.toBe('ok')
    expect(await produceAs(as('ingest', 'not-the-password'), T.telemetry)).toBe('KafkaJSSASLAuthenticationError')
  }, 60_000)

  it('lets ingest write telemetry and dead letters and nothing else', async () => {
    const ingest = as('ingest')
    expect(await produceAs(ingest, T.telemetry)).toBe('ok')
    expect(await produceAs(ingest, T.telemetryDlq)).toBe('ok')
    expect(await produceAs(ingest, T.scores)).toBe('TOPIC_AUTHORIZATION_FAILED')
    expect(await produceAs(ingest, T.machineMinute)).toBe('TOPIC_AUTHORIZATION_FAILED')
    // kafkajs reports a refused FindCoordinator as "coordinator not found" without the broker's
    // code; the same call under a granted group (the API's, below) succeeds on the same broker.
    expect(await consumeOne(ingest, 'millstream-aggregator')).toBe('KafkaJSGroupCoordinatorNotFound')
  }, 60_000)

  it('lets the aggregator write its topics only in transactions under its own ids, the scorer scores, the API nothing', async () => {
    expect(await produceAs(as('aggregator'), T.machineMinute, 'millstream-aggregator.test.0')).toBe('ok')
    // Refused transactional ids surface like refused groups (see above).
    expect(await produceAs(as('aggregator'), T.machineMinute, 'someone-else.0')).toBe('KafkaJSGroupCoordinatorNotFound')
    expect(await produceAs(as('aggregator'), T.telemetry)).toBe('TOPIC_AUTHORIZATION_FAILED')
    expect(await produceAs(as('scorer'), T.scores)).toBe('ok')
    expect(await produceAs(as('scorer'), T.telemetry)).toBe('TOPIC_AUTHORIZATION_FAILED')
    expect(await produceAs(as('api'), T.telemetry)).toBe('TOPIC_AUTHORIZATION_FAILED')
  }, 60_000)

  it('lets the API read telemetry in groups under its live prefix only', async () => {
    expect(await consumeOne(as('api'), `millstream-api-live-${uniqueName('test')}`)).toBe('ok')
    expect(await consumeOne(as('api'), uniqueName('other-group'))).toBe('KafkaJSGroupCoordinatorNotFound')
  }, 90_000)

  it('carries a state change from MQTT through ingest, the aggregator and the API, each service with its own user', async () => {
    let api: TestApi | undefined
    const ingest = await startTestIngest({ ...serviceEnv('ingest'), INGEST_CLIENT_ID: uniqueName('secured-ingest') })
    const bucket = await createTestBucket('secured')
    // The contract's topics (the only ones granted); a group and transactional ids under the aggregator's prefix.
    const run = { input: T.telemetry, changelog: T.aggregatorState, live: T.machineMinute, dlq: T.telemetryDlq, anomaly: T.telemetryAnomaly, machineHours: T.machineHours, group: `millstream-aggregator-${uniqueName('t')}`, bucket }
    const aggregator = await startTestAggregator(run, serviceEnv('aggregator'))
    try {
      api = await startTestApi({ bucket: servers().influxBucket, env: serviceEnv('api') })
      for (const deadline = Date.now() + 60_000; !api.api.liveRunning && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 200))
      expect(api.api.liveFeeds).toEqual({ minutes: true, states: true })
      const sse = openSse(`${api.base}/v1/firms/test-firm/plants/test-plant/live?line=weaving`, await api.tokenOf('plant_manager'))
      await sse.waitFor((e) => e.event === 'snapshot')
      const gateway = await mqtt.connectAsync(servers().mqttUrl, { protocolVersion: 5, clientId: uniqueName('secured-gw'), username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER) })
      const ts = Date.now()
      let seq = 1
      // Until the API's state consumer has joined its group: it starts at the latest offset.
      for (const deadline = Date.now() + 30_000; !sse.events.some((e) => e.event === 'state') && Date.now() < deadline;) {
        await gateway.publishAsync(`${TEST_PREFIX}/weaving/loom-01/state`, JSON.stringify({ ts: ts + seq, state: 'down', reason: 'warp_break', seq: seq++ }), { qos: 1 })
        await new Promise((r) => setTimeout(r, 500))
      }
      await gateway.endAsync()
      const state = await sse.waitFor((e) => e.event === 'state', 10_000)
      expect(state.data).toMatchObject({ device: 'loom-01', state: 'down' })
      // The aggregator read it and wrote the running minute in a transaction; the API's minute feed read that.
      const minute = await sse.waitFor((e) => e.event === 'minute' && (e.data as { device?: string }).device === 'loom-01', 90_000)
      expect((minute.data as { fields: Record<string, number> }).fields.down_s).toBeGreaterThan(0)
      await sse.close()
    } finally {
      await api?.stop()
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 180_000)
})
