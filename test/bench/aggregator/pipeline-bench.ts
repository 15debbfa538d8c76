import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { aggregatorConfigSchema, startAggregator } from '@millstream/aggregator'
import { createLogger, loadConfig } from '@millstream/runtime'
import { Partitioners } from 'kafkajs'
import { probeHostSpeed, watchHostSpeed, type HostSpeed } from '../lib/host-speed.ts'
import { cpuSeconds, serverPid } from '../lib/proc-stats.ts'
import { benchKafka, benchServers, createBucket, deleteBucket } from './bench-env.ts'
import { benchRegistry } from './bench-registry.ts'
import { benchInput, type BenchEncoding } from './bench-stream.ts'

export interface PipelineBenchResult {
  machines: number
  minutes: number
  encoding: BenchEncoding
  batchSamples: number
  /** Kafka records (a device batch record counts once). */
  records: number
  /** Telemetry samples in them: the same for every encoding. */
  samples: number
  seconds: number
  recordsPerS: number
  samplesPerS: number
  points: number
  pointsPerS: number
  steps: number
  /** Summed over the steps of all partitions (several run at once): the InfluxDB writes and Kafka transactions together, and the writes alone. */
  stepSeconds: number
  influxWriteSeconds: number
  /** The line roll-up stage: plant hours it summed again (reading machine hours back from InfluxDB) and the time it took. */
  rollupHours: number
  rollupSeconds: number
  /** CPU of the servers on the same cores over the same window (/proc). */
  influxdbCores: number
  influxdbCpuUsPerPoint: number
  kafkaCores: number
  /** Process CPU (all threads) while it consumed, per sample and in cores: robust to a shared box, where samples/s is not. */
  cpuUsPerSample: number
  cpuCores: number
  peakRssMb: number
  /** The host's speed (lib/host-speed.ts) just before the aggregator started, and while it consumed: CPU per sample moves with it. */
  hostSpeedBefore: HostSpeed
  hostSpeed: HostSpeed
}

/** Aggregator variables a run may set in the environment (`AGG_CONCURRENT_PARTITIONS=12 node ...`). */
const TUNING = ['AGG_CONCURRENT_PARTITIONS', 'AGG_COMMIT_INTERVAL', 'AGG_FETCH_PARTITION_BYTES', 'AGG_FETCH_BYTES'] as const

/**
 * Kafka to InfluxDB at saturation: `minutes` of a plant of `machines` looms, in the given encoding
 * (the same samples either way), are produced to a
 * fresh 12-partition topic first, then one aggregator (default options) reads them as fast as it
 * can: records/s and points/s from the moment it owns every partition until all is committed.
 */
export async function pipelineBench(o: { machines: number; minutes: number; encoding: BenchEncoding; batchSamples: number }, log: (msg: string) => void): Promise<PipelineBenchResult> {
  const { machines, minutes, encoding } = o
  const s = benchServers()
  const id = `bench-agg-${Date.now().toString(36)}`
  const registry = benchRegistry(machines)
  const registryPath = join(mkdtempSync(join(tmpdir(), 'bench-agg-')), 'registry.json')
  writeFileSync(registryPath, JSON.stringify(registry))
  const kafka = benchKafka(s)
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: id, numPartitions: 12 }] })
  // The generated input is produced and then let go: it is in Kafka, and the aggregator's heap
  // (whose garbage collection the figures include) should not carry the bench's copy of it.
  const { recordCount, samples, batchSamples } = await (async () => {
    const input = benchInput({ registry, startMs: Date.parse('2025-06-02T06:00:00+08:00'), minutes, encoding, batchSamples: o.batchSamples })
    const records = input.records
    log(`  producing ${records.length} records (${input.samples} samples, ${encoding}) to ${id}`)
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
    await producer.connect()
    // 2,000 records a request: a small plant's records fall on few partitions, and one partition's
    // share of 10,000 passed the broker's 1 MiB limit per record batch (200 machines did).
    for (let i = 0; i < records.length; i += 2_000) await producer.send({ topic: id, messages: records.slice(i, i + 2_000).map((r) => ({ key: r.key, value: r.value })) })
    await producer.disconnect()
    return { recordCount: records.length, samples: input.samples, batchSamples: input.batchSamples }
  })()
  ;(globalThis as { gc?: () => void }).gc?.()
  await createBucket(s, id)
  const config = loadConfig(aggregatorConfigSchema, {
    KAFKA_BROKERS: s.kafkaBrokers, INFLUX_URL: s.influxUrl, INFLUX_TOKEN: s.influxToken, INFLUX_ORG: s.influxOrg, INFLUX_BUCKET: id,
    REGISTRY_PATH: registryPath, AGG_GROUP_ID: `${id}.group`, AGG_INPUT_TOPIC: id, AGG_CHANGELOG_TOPIC: `${id}.state`, AGG_LIVE_TOPIC: `${id}.live`, AGG_DLQ_TOPIC: `${id}.dlq`,
    // Its own anomaly and machine-hours topics: on the shared ones, a demo's roll-up stage on the same servers would read the bench plant's hours.
    AGG_ANOMALY_TOPIC: `${id}.anomaly`, AGG_MACHINE_HOURS_TOPIC: `${id}.hours`,
    HTTP_PORT: '0', LOG_LEVEL: 'warn',
    // The tuning variables the runs of docs/performance.md compare, when set.
    ...Object.fromEntries(TUNING.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : []))),
  })
  const hostSpeedBefore = await probeHostSpeed()
  let peakRss = 0
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200)
  const aggregator = await startAggregator({ config, logger: createLogger({ name: 'bench-aggregator', level: 'warn' }), registry })
  try {
    const tasks = () => aggregator.consumer.tasks()
    while (tasks().length < 12 || tasks().some((t) => !t.engine)) await new Promise((r) => setTimeout(r, 50))
    const profile = process.env.BENCH_PROFILE_DIR ? await startProfile() : undefined
    const hostWatch = watchHostSpeed()
    const started = performance.now()
    const cpuAtStart = process.cpuUsage()
    const serversAtStart = { influxdb: cpuSeconds(serverPid('influxdb')), kafka: cpuSeconds(serverPid('kafka')) }
    const consumed = () => tasks().reduce((n, t) => n + Number(t.engine?.nextOffset ?? 0), 0)
    while (consumed() < recordCount || tasks().some((t) => t.engine?.hasPending())) await new Promise((r) => setTimeout(r, 100))
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuAtStart)
    const influxdbCpuS = cpuSeconds(serverPid('influxdb')) - serversAtStart.influxdb
    const kafkaCpuS = cpuSeconds(serverPid('kafka')) - serversAtStart.kafka
    const cpuUs = cpu.user + cpu.system
    const hostSpeed = hostWatch.stop()
    if (profile) log(`  CPU profile of the consuming window: ${await profile.stop(`pipeline-${encoding}`)}`)
    const metrics = await (await fetch(`http://127.0.0.1:${aggregator.opsPort}/metrics`)).text()
    const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0)
    const points = counter('millstream_aggregator_points_written_total')
    const sum = (name: string) => Number(new RegExp(`^${name}_sum ([0-9.e+-]+)`, 'm').exec(metrics)?.[1] ?? 0)
    return { machines, minutes, encoding, batchSamples, records: recordCount, samples, seconds, recordsPerS: recordCount / seconds, samplesPerS: samples / seconds, points, pointsPerS: points / seconds, steps: counter('millstream_aggregator_steps_total'), stepSeconds: sum('millstream_aggregator_step_seconds'), influxWriteSeconds: sum('millstream_aggregator_influx_write_seconds'), rollupHours: counter('millstream_aggregator_rollup_hours_total'), rollupSeconds: sum('millstream_aggregator_rollup_batch_seconds'), cpuUsPerSample: cpuUs / samples, cpuCores: cpuUs / 1e6 / seconds, influxdbCores: influxdbCpuS / seconds, influxdbCpuUsPerPoint: (influxdbCpuS * 1e6) / points, kafkaCores: kafkaCpuS / seconds, peakRssMb: peakRss / 2 ** 20, hostSpeedBefore, hostSpeed }
  } finally {
    clearInterval(rssTimer)
    await aggregator.stop()
    await deleteBucket(s, id)
    await admin.deleteTopics({ topics: [id, `${id}.state`, `${id}.live`, `${id}.dlq`, `${id}.anomaly`, `${id}.hours`] }).catch(() => undefined)
    await admin.disconnect()
  }
}

/**
 * A profile of the consuming window alone (BENCH_PROFILE_DIR; a profile of the whole process, as
 * `--cpu-prof` writes, also holds the input's generation and production): CPU, or with
 * BENCH_PROFILE=heap a sampling allocation profile (what feeds the garbage collector). Open either
 * in Chrome's DevTools.
 */
async function startProfile(): Promise<{ stop: (name: string) => Promise<string> }> {
  const dir = process.env.BENCH_PROFILE_DIR as string
  const heap = process.env.BENCH_PROFILE === 'heap'
  const session = new Session()
  session.connect()
  if (heap) await session.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  else {
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  return {
    stop: async (name) => {
      const { profile } = heap ? await session.post('HeapProfiler.stopSampling') : await session.post('Profiler.stop')
      session.disconnect()
      mkdirSync(dir, { recursive: true })
      const file = join(dir, `${name}-${Date.now()}.${heap ? 'heapprofile' : 'cpuprofile'}`)
      writeFileSync(file, JSON.stringify(profile))
      return file
    },
  }
}
