import { KAFKA_TOPICS, SCORE_PERIODS, TOPIC_SPECS, type BenchmarkSet, type Registry, type ScorePeriod } from '@millstream/contract'
import { createKafka, ensureTopics, kafkaSecurity } from '@millstream/kafka'
import { createLifecycle, createMetricsRegistry, influxBucketsOf, startOpsServer, type Logger, type OpsServer } from '@millstream/runtime'
import { createStore } from '@millstream/store'
import cron, { type ScheduledTask } from 'node-cron'
import { cronExpression } from './cron-expressions.ts'
import { secBenchmarks } from './energy-inputs.ts'
import { createScoreJobs } from './score-job.ts'
import { plantsOf, type ScoringContext } from './score-run.ts'
import { createScoreSink } from './score-sink.ts'
import type { ScorerConfig } from './scorer-config.ts'
import { createScorerMetrics } from './scorer-metrics.ts'

/** The compacted scores topic's spec (contract), under the configured name. */
const compacted = (topic: string) => TOPIC_SPECS.find((s) => s.topic === topic) ?? { topic, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }
const SCORES_SPEC = compacted(KAFKA_TOPICS.scores)
const ROLLUPS_SPEC = compacted(KAFKA_TOPICS.scoreRollups)

export interface ScorerDeps {
  config: ScorerConfig
  logger: Logger
  registry: Registry
  /** Energy benchmark rows for E1 (seeds/benchmarks.json, validated by the loader). */
  benchmarks: BenchmarkSet
  /** The clock periods are judged by; tests inject one instead of waiting for wall-clock cron. */
  now?: () => number
  /** Install node-cron schedules (default true); tests trigger jobs themselves. */
  schedule?: boolean
  /** Score missed periods at start (default true); backfill turns it off. */
  catchUp?: boolean
}

export type Scorer = Awaited<ReturnType<typeof createScorer>>

export async function startScorer(deps: ScorerDeps) {
  const scorer = await createScorer(deps)
  await scorer.start()
  return scorer
}

/** Wires the scorer: store (reads), Kafka producer and InfluxDB (writes), jobs, schedules, ops endpoint. */
export async function createScorer({ config, logger, registry, benchmarks, now = Date.now, schedule = true, catchUp = true }: ScorerDeps) {
  const metricsRegistry = createMetricsRegistry()
  const metrics = createScorerMetrics(metricsRegistry)
  const influx = { url: config.INFLUX_URL, token: config.INFLUX_TOKEN, org: config.INFLUX_ORG }
  const store = createStore({ ...influx, bucket: config.INFLUX_BUCKET, rollupBucket: config.INFLUX_ROLLUP_BUCKET, now })
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'millstream-scorer', logger, security: kafkaSecurity(config) })
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  // Scores are the platform's history: they go to the long-lived tier's bucket (contract ROLLUP_TIER_MEASUREMENTS).
  const sink = createScoreSink({ influx: { ...influx, bucket: influxBucketsOf(config).rollups }, producer, topic: config.SCORER_TOPIC, rollupTopic: config.SCORER_ROLLUP_TOPIC })
  const plants = plantsOf(registry)
  const scoring: ScoringContext = { store, plants, benchmarks: { version: benchmarks.version, rows: secBenchmarks(benchmarks) }, baselineCache: new Map() }
  const settleMs = (p: ScorePeriod) => (p === 'rolling_24h' ? config.SCORER_HOURLY_SETTLE : config.SCORER_SETTLE)
  const jobs = createScoreJobs({ store, sink, scoring, plants, metrics, logger, now, settleMs, catchUpMs: config.SCORER_CATCH_UP, maxCatchUp: config.SCORER_MAX_CATCH_UP, retries: config.SCORER_RETRIES })
  const tasks: ScheduledTask[] = []
  let producerUp = false
  let ops: OpsServer | undefined
  const lifecycle = createLifecycle({ logger })
    .add('kafka-topics', { start: async () => void (await ensureTopics(kafka, [{ ...SCORES_SPEC, topic: config.SCORER_TOPIC }, { ...ROLLUPS_SPEC, topic: config.SCORER_ROLLUP_TOPIC }])) })
    .add('producer', {
      start: async () => {
        await producer.connect()
        producerUp = true
      },
      stop: async () => {
        producerUp = false
        await producer.disconnect()
      },
    })
    .add('ops-server', {
      start: async () => {
        ops = await startOpsServer({ port: config.HTTP_PORT, host: config.HTTP_HOST, logger, metrics: metricsRegistry, readiness: { started: () => lifecycle.state === 'started', kafka: () => (producerUp ? true : { ok: false, reason: 'producer not connected' }) } })
      },
      stop: async () => ops?.stop(),
    })
    .add('schedules', {
      start: async () => {
        // Catch-up first: whatever ended while the scorer was down, each period once.
        if (catchUp) void jobs.all()
        if (!schedule) return
        const zones = [...new Set(plants.map((p) => p.plant.timeZone))]
        for (const period of SCORE_PERIODS) for (const timezone of zones) tasks.push(cron.schedule(cronExpression(period, settleMs(period)), () => void jobs.trigger(period).catch(() => undefined), { timezone, name: `score-${period}-${timezone}` }))
      },
      stop: async () => {
        for (const t of tasks.splice(0)) await t.stop()
        await jobs.idle()
      },
    })
  return {
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    /** Installs SIGTERM/SIGINT handling; call before start() so a signal during startup drains too. */
    handleSignals: (timeoutMs: number) => lifecycle.handleSignals({ timeoutMs }),
    jobs,
    store,
    sink,
    scoring,
    plants,
    metrics,
    get opsPort() {
      return ops?.port ?? 0
    },
  }
}
