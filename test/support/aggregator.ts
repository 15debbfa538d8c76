import { afterEach } from 'vitest'
import { deleteTestBucket } from './influx.ts'
import { aggregatorConfigSchema, startAggregator, type Aggregator, type AggregatorDeps } from '@millstream/aggregator'
import { createLogger, loadConfig } from '@millstream/runtime'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import { Partitioners } from 'kafkajs'
import { testKafka } from './kafka.ts'
import { servers, uniqueName } from './servers.ts'

/** Topics, group and bucket of one aggregator run; tests give each run its own. */
export interface AggregatorRun {
  input: string
  changelog: string
  live: string
  dlq: string
  anomaly: string
  machineHours: string
  group: string
  /** The minute bucket, and the rollup bucket when the run has a second (issue 17); else both tiers in `bucket`. */
  bucket: string
  rollupBucket?: string
}

export function aggregatorRun(input: string, bucket: string, rollupBucket?: string): AggregatorRun {
  const id = uniqueName('agg')
  return { input, changelog: `${id}.state`, live: `${id}.live`, dlq: `${id}.dlq`, anomaly: `${id}.anomaly`, machineHours: `${id}.hours`, group: `${id}.group`, bucket, ...(rollupBucket ? { rollupBucket } : {}) }
}

/** The environment of a test aggregator over the test registry, with short limits for tests. */
export function aggregatorEnv(run: AggregatorRun, overrides: Record<string, string> = {}): Record<string, string> {
  const s = servers()
  return {
    KAFKA_BROKERS: s.kafkaBrokers,
    INFLUX_URL: s.influxUrl,
    INFLUX_TOKEN: s.influxToken,
    INFLUX_ORG: s.influxOrg,
    INFLUX_BUCKET: run.bucket,
    ...(run.rollupBucket ? { INFLUX_ROLLUP_BUCKET: run.rollupBucket } : {}),
    REGISTRY_PATH: TEST_REGISTRY_PATH,
    AGG_GROUP_ID: run.group,
    AGG_CLIENT_ID: uniqueName('agg-client'),
    AGG_INPUT_TOPIC: run.input,
    AGG_CHANGELOG_TOPIC: run.changelog,
    AGG_LIVE_TOPIC: run.live,
    AGG_DLQ_TOPIC: run.dlq,
    AGG_ANOMALY_TOPIC: run.anomaly,
    AGG_MACHINE_HOURS_TOPIC: run.machineHours,
    AGG_ALLOWED_LATENESS: '2m',
    AGG_STALENESS: '5m',
    AGG_MAX_SPREAD: '5m',
    AGG_SILENT_HORIZON: '30m',
    AGG_PARTITION_GRACE: '1h',
    AGG_EMIT_DELAY: '0',
    AGG_IDLE_ADVANCE: '1s',
    AGG_COMMIT_INTERVAL: '300ms',
    AGG_SESSION_TIMEOUT: '10s',
    AGG_TRANSACTION_TIMEOUT: '30s',
    AGG_INFLUX_TIMEOUT: '5s',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    ...overrides,
  }
}

export async function startTestAggregator(run: AggregatorRun, overrides: Record<string, string> = {}, deps: Pick<AggregatorDeps, 'wrapWriter'> = {}): Promise<Aggregator> {
  const config = loadConfig(aggregatorConfigSchema, aggregatorEnv(run, overrides))
  return startAggregator({ config, logger: createLogger({ name: 'aggregator-test', level: config.LOG_LEVEL }), registry: loadRegistry(TEST_REGISTRY_PATH), ...deps })
}

export async function createTopic(name: string, partitions: number): Promise<void> {
  const admin = testKafka().admin()
  await admin.connect()
  try {
    // The broker may answer the leaders' metadata before it hosts the new partitions ("does not
    // host this topic-partition"): wait for the metadata rather than fail the suite on it.
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: partitions }] }).catch(() => undefined)
    const deadline = Date.now() + 30_000
    for (;;) {
      const ok = await admin.fetchTopicMetadata({ topics: [name] }).then((m) => m.topics[0]?.partitions.length === partitions && m.topics[0].partitions.every((p) => p.leader >= 0), () => false)
      if (ok) break
      if (Date.now() > deadline) throw new Error(`topic ${name} has no leaders for its ${partitions} partitions after 30 s`)
      await new Promise((r) => setTimeout(r, 250))
    }
  } finally {
    await admin.disconnect()
  }
}

export interface KeyedRecord {
  key: string
  value: string
}

/**
 * Produces records in order (per key order holds: one partition per key), `chunk` at a time with
 * `pauseMs` between chunks: a stream that flows while the aggregator runs.
 */
export async function produceRecords(topic: string, records: readonly KeyedRecord[], options: { chunk?: number; pauseMs?: number } = {}): Promise<void> {
  const { chunk = 5000, pauseMs = 0 } = options
  const producer = testKafka().producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    for (let i = 0; i < records.length; i += chunk) {
      await producer.send({ topic, acks: -1, messages: records.slice(i, i + chunk).map((r) => ({ key: r.key, value: r.value })) })
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
    }
  } finally {
    await producer.disconnect()
  }
}

/** Polls `check` until it returns true; fails with `what` after the timeout. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000, everyMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
}

/**
 * An aggregator and InfluxDB buckets that a test file's tests start and create, stopped and deleted
 * after each test: `const run = aggregatorTestScope()`, then `run.aggregator = ...`, `run.buckets.push(...)`.
 */
export function aggregatorTestScope(): { aggregator: Aggregator | undefined; buckets: string[] } {
  const scope: { aggregator: Aggregator | undefined; buckets: string[] } = { aggregator: undefined, buckets: [] }
  afterEach(async () => {
    await scope.aggregator?.stop()
    scope.aggregator = undefined
    for (const b of scope.buckets.splice(0)) await deleteTestBucket(b)
  })
  return scope
}
