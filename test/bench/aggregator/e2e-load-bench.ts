import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { flux } from '@influxdata/influxdb-client'
import type { Registry } from '@millstream/contract'
import { createLogger } from '@millstream/runtime'
import type { Admin } from 'kafkajs'
import { BENCH_PLANT } from '../../../deploy/local/mqtt-acl.ts'
import { createBatchingSink } from '../../../services/simulator/src/publish/batching-sink.ts'
import { createMqttSink } from '../../../services/simulator/src/publish/mqtt-sink.ts'
import type { Sink } from '../../../services/simulator/src/publish/sink.ts'
import type { SimMessage } from '../../../services/simulator/src/sim/sim-message.ts'
import { percentiles } from '../lib/percentiles.ts'
import { cpuSeconds, serverPid } from '../lib/proc-stats.ts'
import { benchKafka, benchServers, createBucket, deleteBucket, timedQuery, type BenchServers } from './bench-env.ts'
import { benchRegistry } from './bench-registry.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const MINUTE_MS = 60_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export interface E2eLoadOptions {
  machines: number
  /** Rates (samples/s) tried in turn, each for stepS, until one is not sustained; empty: maxRate given. */
  rates: number[]
  stepS: number
  /** The maximum rate, when known (the ramp is skipped). */
  maxRate?: number
  /** Closed minutes measured at half the maximum rate, after warmupMinutes whole minutes. */
  minutes: number
  warmupMinutes: number
  batchSize: number
  pollMs: number
}

/** One fixed rate of the ramp: what was offered, what went through, and whether the backlogs grew. */
export interface RampStep {
  rate: number
  achievedSamplesPerS: number
  ingestSamplesPerS: number
  aggregatorRecordsPerS: number
  /** Slopes over the last two thirds of the step: records (consumer lag) and samples (broker backlog) per s. */
  consumerLagGrowthPerS: number
  brokerBacklogGrowthPerS: number
  consumerLagEnd: number
  brokerBacklogEnd: number
  sustained: boolean
  /** Why the step ended early (a service exited). */
  error?: string
  cpu: CpuFigures
}

export interface CpuFigures {
  /** CPU cores over the phase (CPU seconds / wall seconds), from /proc (the bench: process.cpuUsage). */
  ingest: number
  aggregator: number
  bench: number
  servers: Record<string, number>
  loadStart: number
  loadEnd: number
}

export interface E2eLoadResult {
  machines: number
  batchSize: number
  ramp: RampStep[]
  maxRate: number
  halfRate: {
    rate: number
    minutes: number
    warmupMinutes: number
    achievedSamplesPerS: number
    /** Minute end until the machine_minute point answers a Flux query, over every machine-minute. */
    latencyMs: { count: number; missing: number; p50: number; p90: number; p99: number; max: number }
    /** The same per minute: p50, p99 and max of its machines. */
    perMinute: { minute: string; count: number; p50: number; p99: number; max: number }[]
    consumerLagEnd: number
    brokerBacklogEnd: number
    /** Means over the measured minutes: the aggregator's step (InfluxDB write, then one Kafka transaction), its write, and ingest's MQTT receive to Kafka ack. */
    means: { stepsPerS: number; stepMs: number; influxWriteMs: number; ingestReceiveToKafkaMs: number }
    cpu: CpuFigures
  }
}

/**
 * The whole chain under load: a gateway publishes a generated plant of `machines` looms as the
 * simulator does (its batching and MQTT sinks: contract v1.1 batches, QoS 1) at a given samples/s
 * with ts = now, through a real ingest process into Kafka and a real aggregator process into
 * InfluxDB. A ramp of fixed rates finds the highest rate at which the broker's backlog and the
 * aggregator's consumer lag stop growing; then a fresh chain runs at half that rate and every
 * machine-minute's time from the minute's end until its point answers a Flux query is measured.
 */
export async function e2eLoadBench(o: E2eLoadOptions, log: (msg: string) => void): Promise<E2eLoadResult> {
  process.once('SIGINT', () => process.exit(130)) // 'exit' then stops the services it started
  const registry = benchRegistry(o.machines, BENCH_PLANT.plant)
  const registryPath = join(mkdtempSync(join(tmpdir(), 'bench-e2e-load-')), 'registry.json')
  writeFileSync(registryPath, JSON.stringify(registry))
  const ramp: RampStep[] = []
  if (o.maxRate === undefined) {
    const chain = await startChain(registry, registryPath, o, log)
    try {
      for (const rate of o.rates) {
        log(`  ramp: ${rate} samples/s for ${o.stepS} s (${o.machines} machines)`)
        const step = await rampStep(chain, rate, o.stepS)
        log(`  ramp: ${JSON.stringify(step)}`)
        ramp.push(step)
        if (!step.sustained) break
      }
    } finally {
      await chain.stop()
    }
  }
  const maxRate = o.maxRate ?? Math.max(0, ...ramp.filter((s) => s.sustained).map((s) => s.rate))
  if (maxRate === 0) throw new Error(`no rate of ${o.rates.join(', ')} was sustained`)
  const rate = Math.round(maxRate / 2)
  log(`  half rate: ${rate} samples/s for ${o.warmupMinutes} warm-up minutes and ${o.minutes} measured minutes, a fresh chain`)
  const chain = await startChain(registry, registryPath, o, log)
  try {
    return { machines: o.machines, batchSize: o.batchSize, ramp, maxRate, halfRate: await latencyRun(chain, rate, o) }
  } finally {
    await chain.stop()
  }
}

interface Chain {
  s: BenchServers
  id: string
  machines: string[]
  gateway: LoadGenerator
  pids: () => { ingest: number; aggregator: number }
  snapshot: () => Promise<Snapshot>
  stop: () => Promise<void>
}

interface Snapshot {
  atMs: number
  acked: number
  produced: number
  inputEnd: number
  committed: number
  /** Sums and counts of the services' histograms (seconds), for the means over a phase. */
  steps: { sum: number; count: number }
  influxWrites: { sum: number; count: number }
  receiveToKafka: { sum: number; count: number }
}

/** Fresh topics, bucket, ingest and aggregator processes and a gateway connection, for one phase. */
async function startChain(registry: Registry, registryPath: string, o: E2eLoadOptions, log: (msg: string) => void): Promise<Chain> {
  const s = benchServers()
  const mqttUrl = process.env.MQTT_URL
  const credentialsFile = process.env.MQTT_CREDENTIALS_FILE
  if (!mqttUrl || !credentialsFile) throw new Error('MQTT_URL and MQTT_CREDENTIALS_FILE unset: source .run/servers/env')
  const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, string>
  const gatewayUser = `gw-${BENCH_PLANT.firm}-${BENCH_PLANT.plant}`
  const gatewayPassword = credentials[gatewayUser]
  if (!gatewayPassword) throw new Error(`${gatewayUser} is not in ${credentialsFile}: restart Mosquitto with deploy/local/servers.sh (it provisions the benchmark plant's gateway)`)
  const id = `bench-e2e-load-${Date.now().toString(36)}`
  const topics = { input: id, dlq: `${id}.dlq`, state: `${id}.state`, live: `${id}.live`, aggDlq: `${id}.agg-dlq`, anomaly: `${id}.anomaly`, hours: `${id}.hours` }
  const admin = benchKafka(s).admin()
  await admin.connect()
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: id, numPartitions: 12 }] })
  await createBucket(s, id)
  const [ingestPort, aggregatorPort] = [await freePort(), await freePort()]
  const ingest = spawnService('services/ingest/src/main.ts', {
    MQTT_USERNAME: 'ingest', MQTT_PASSWORD: credentials.ingest as string, REGISTRY_PATH: registryPath, INGEST_CLIENT_ID: id, INGEST_SHARE_GROUP: id,
    INGEST_TELEMETRY_TOPIC: topics.input, INGEST_DLQ_TOPIC: topics.dlq, HTTP_PORT: String(ingestPort), INGEST_SESSION_EXPIRY: '30s',
  })
  const aggregator = spawnService('services/aggregator/src/main.ts', {
    INFLUX_BUCKET: id, INFLUX_ROLLUP_BUCKET: id, REGISTRY_PATH: registryPath, AGG_GROUP_ID: `${id}.group`, AGG_CLIENT_ID: id, AGG_INPUT_TOPIC: topics.input,
    AGG_CHANGELOG_TOPIC: topics.state, AGG_LIVE_TOPIC: topics.live, AGG_DLQ_TOPIC: topics.aggDlq, AGG_ANOMALY_TOPIC: topics.anomaly, AGG_MACHINE_HOURS_TOPIC: topics.hours,
    HTTP_PORT: String(aggregatorPort),
  })
  const cleanUp = async () => {
    await stopProcess(aggregator)
    await stopProcess(ingest)
    await deleteBucket(s, id)
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined)
    await admin.disconnect()
  }
  try {
    await waitReady(ingestPort, 'ingest', ingest)
    await waitReady(aggregatorPort, 'aggregator', aggregator)
    const sink = createBatchingSink(
      createMqttSink({ url: mqttUrl, username: gatewayUser, password: gatewayPassword, clientId: `${id}-gw`, maxInflight: 200, logger: createLogger({ name: 'bench-gateway', level: 'warn' }) }),
      { firm: BENCH_PLANT.firm, plant: BENCH_PLANT.plant, batchSize: o.batchSize, maxDelayMs: 100 },
    )
    await sink.start()
    log(`  chain ${id}: ingest pid ${ingest.pid}, aggregator pid ${aggregator.pid}`)
    const gateway = loadGenerator(registry, sink)
    return {
      s, id, gateway,
      machines: registry.firms[0]?.plants[0]?.lines.flatMap((l) => l.machines.map((m) => m.id)) ?? [],
      pids: () => ({ ingest: ingest.pid ?? 0, aggregator: aggregator.pid ?? 0 }),
      snapshot: async () => {
        if (ingest.exitCode !== null || aggregator.exitCode !== null) throw new Error(`a service exited: ingest ${ingest.exitCode}, aggregator ${aggregator.exitCode}`)
        const [ingestMetrics, aggregatorMetrics, inputEnd, committed] = await Promise.all([metricsText(ingestPort), metricsText(aggregatorPort), topicEnd(admin, id), groupCommitted(admin, `${id}.group`, id)])
        const histogram = (text: string, name: string) => ({ sum: metric(text, `${name}_sum`), count: metric(text, `${name}_count`) })
        return {
          atMs: performance.now(), acked: gateway.acked(), produced: metric(ingestMetrics, 'millstream_ingest_produced_total'), inputEnd, committed,
          steps: histogram(aggregatorMetrics, 'millstream_aggregator_step_seconds'), influxWrites: histogram(aggregatorMetrics, 'millstream_aggregator_influx_write_seconds'),
          receiveToKafka: histogram(ingestMetrics, 'millstream_ingest_receive_to_kafka_ack_seconds'),
        }
      },
      stop: async () => {
        await sink.stop().catch(() => undefined)
        await cleanUp()
      },
    }
  } catch (err) {
    await cleanUp()
    throw err
  }
}

/** A service in its own process; it is killed with the bench if the bench exits first (Ctrl-C included). */
function spawnService(main: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', main], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn', ...env } })
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  child.once('exit', () => process.off('exit', kill))
  return child
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  if (!(await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)]))) child.kill('SIGKILL')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitReady(port: number, name: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)
    if (ok) return
    await sleep(250)
  }
  throw new Error(`${name} not ready within 120 s`)
}

async function metricsText(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
}

/** An unlabelled sample of a Prometheus text exposition. */
function metric(text: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? 0)
}

/** Mean of a histogram between two snapshots, in ms. */
function meanMs(a: { sum: number; count: number }, b: { sum: number; count: number }): number {
  return b.count === a.count ? 0 : Math.round(((b.sum - a.sum) / (b.count - a.count)) * 10_000) / 10
}

async function topicEnd(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0)
}

async function groupCommitted(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] })
  return (t?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)
}

interface LoadGenerator {
  /** Publishes `rate` samples/s (ts = now) until `untilMs` (Date.now()); returns the samples handed over. */
  run(rate: number, untilMs: number): Promise<number>
  acked(): number
  failed(): number
}

/**
 * The plant's looms as a gateway polls them: round-robin, one sample per machine per turn, each
 * a state at the first turn of a minute (a warp break now and then), an electricity reading every
 * 30 s, a pick count otherwise; v1 messages as the simulator makes them, batched by its sink.
 */
function loadGenerator(registry: Registry, sink: Sink): LoadGenerator {
  const firm = registry.firms[0]
  const plant = firm?.plants[0]
  if (!firm || !plant) throw new Error('empty registry')
  const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ line: l.id, id: m.id, seq: 0, count: 0, kwh: 0, lastCountMs: 0, stateMinute: -1, energyMs: 0, down: false }))).map((m, i) => ({ ...m, index: i, count: i * 1000, kwh: i * 10 }))
  let next = 0
  let acked = 0
  let failed = 0
  const sampleOf = (m: (typeof machines)[number], ts: number): SimMessage => {
    const minute = Math.floor(ts / MINUTE_MS)
    const topic = (channel: string) => `mill/v1/${firm.id}/${plant.id}/${m.line}/${m.id}/${channel}`
    const message = (channel: SimMessage['channel'], body: Record<string, unknown>): SimMessage =>
      ({ atMs: ts, topic: topic(channel), payload: JSON.stringify({ ts, ...body, seq: m.seq }), deviceKey: `${firm.id}/${plant.id}/${m.line}/${m.id}`, channel, ts, seq: m.seq++, kind: 'telemetry' })
    if (m.stateMinute !== minute) {
      m.stateMinute = minute
      m.down = (m.index * 7919 + minute) % 23 === 0
      return message('state', m.down ? { state: 'down', reason: 'warp_break' } : { state: 'running' })
    }
    if (ts - m.energyMs >= 30_000) {
      m.kwh += ((m.down ? 1.1 : 4.5) * (ts - (m.energyMs || ts))) / 3_600_000
      m.energyMs = ts
      return message('energy', { medium: 'electricity', total: Math.round(m.kwh * 1e4) / 1e4, power: m.down ? 1.1 : 4.5 })
    }
    if (!m.down && m.lastCountMs > 0) m.count += Math.round(((ts - m.lastCountMs) * 750) / MINUTE_MS)
    m.lastCountMs = ts
    return message('count', { total: m.count, good: m.count - Math.floor(m.count / 200), unit: 'pick' })
  }
  const settled = (outcome: { kind: string }) => (outcome.kind === 'acked' ? acked++ : failed++)
  return {
    async run(rate, untilMs) {
      const started = Date.now()
      let sent = 0
      while (Date.now() < untilMs) {
        const tickAt = Date.now()
        const due = Math.floor(((tickAt - started) * rate) / 1000) - sent
        for (let i = 0; i < due; i++) {
          const m = machines[next] as (typeof machines)[number]
          next = (next + 1) % machines.length
          await sink.publish(sampleOf(m, Date.now()), settled)
        }
        sent += Math.max(0, due)
        await sleep(Math.max(0, 50 - (Date.now() - tickAt)))
      }
      return sent
    },
    acked: () => acked,
    failed: () => failed,
  }
}

/** CPU of the chain's processes, the bench's own and the servers' over a phase. */
function cpuMeter(chain: Chain) {
  const serverPids = Object.fromEntries(['mosquitto', 'kafka', 'influxdb'].map((n) => [n, serverPid(n)]))
  const { ingest, aggregator } = chain.pids()
  const pids: Record<string, number> = { ingest, aggregator, ...serverPids }
  const start = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid)]))
  const bench = process.cpuUsage()
  const began = performance.now()
  const loadStart = loadavg()[0] as number
  return (): CpuFigures => {
    const wallS = (performance.now() - began) / 1000
    const cores = (n: string) => Math.round(((cpuSeconds(pids[n] as number) - (start[n] as number)) / wallS) * 100) / 100
    const own = process.cpuUsage(bench)
    return {
      ingest: cores('ingest'), aggregator: cores('aggregator'), bench: Math.round(((own.user + own.system) / 1e6 / wallS) * 100) / 100,
      servers: Object.fromEntries(Object.keys(serverPids).map((n) => [n, cores(n)])), loadStart, loadEnd: loadavg()[0] as number,
    }
  }
}

/** Least-squares slope of y over x (per second, x in ms). */
function slopePerS(points: { x: number; y: number }[]): number {
  const n = points.length
  const mx = points.reduce((a, p) => a + p.x, 0) / n
  const my = points.reduce((a, p) => a + p.y, 0) / n
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0)
  return sxx === 0 ? 0 : (points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx) * 1000
}

/**
 * One rate for stepS seconds. Sustained when the gateway got at least 97 % of the rate
 * acknowledged and, over the step's last two thirds, neither the broker's backlog (samples
 * acknowledged to the gateway and not yet in Kafka) nor the aggregator's consumer lag (records in
 * the input topic past its committed offsets) grew by more than 2 % of the rate.
 */
async function rampStep(chain: Chain, rate: number, stepS: number): Promise<RampStep> {
  const cpu = cpuMeter(chain)
  const untilMs = Date.now() + stepS * 1000
  const running = chain.gateway.run(rate, untilMs)
  await sleep((stepS * 1000) / 3)
  const series: Snapshot[] = []
  let error: string | undefined
  while (Date.now() < untilMs && !error) {
    try {
      series.push(await chain.snapshot())
    } catch (err) {
      error = (err as Error).message
    }
    await sleep(1_000)
  }
  await running
  if (series.length < 2) return { rate, achievedSamplesPerS: 0, ingestSamplesPerS: 0, aggregatorRecordsPerS: 0, consumerLagGrowthPerS: 0, brokerBacklogGrowthPerS: 0, consumerLagEnd: 0, brokerBacklogEnd: 0, sustained: false, error, cpu: cpu() }
  const first = series[0] as Snapshot
  const last = series.at(-1) as Snapshot
  const perS = (f: (s: Snapshot) => number) => ((f(last) - f(first)) * 1000) / (last.atMs - first.atMs)
  const lag = (s: Snapshot) => s.inputEnd - s.committed
  const backlog = (s: Snapshot) => s.acked - s.produced
  const achieved = perS((s) => s.acked)
  const lagGrowth = slopePerS(series.map((s) => ({ x: s.atMs, y: lag(s) })))
  const backlogGrowth = slopePerS(series.map((s) => ({ x: s.atMs, y: backlog(s) })))
  return {
    rate, achievedSamplesPerS: Math.round(achieved), ingestSamplesPerS: Math.round(perS((s) => s.produced)), aggregatorRecordsPerS: Math.round(perS((s) => s.committed)),
    consumerLagGrowthPerS: Math.round(lagGrowth), brokerBacklogGrowthPerS: Math.round(backlogGrowth), consumerLagEnd: lag(last), brokerBacklogEnd: backlog(last),
    sustained: !error && achieved >= 0.97 * rate && lagGrowth < 0.02 * rate && backlogGrowth < 0.02 * rate,
    ...(error ? { error } : {}),
    cpu: cpu(),
  }
}

/**
 * Publishes at `rate`: up to the next minute and `warmupMinutes` whole minutes as warm-up (the
 * aggregator keeps a device's samples for the allowed lateness and the spread limit, 10 minutes by
 * default, so its state and its changelog grow for that long), then `minutes` measured. A poller asks InfluxDB every pollMs which machines have a machine_minute point for
 * each measured minute that has ended, and notes when each first answers (resolution: the poll
 * interval plus the query's own time).
 */
async function latencyRun(chain: Chain, rate: number, o: E2eLoadOptions): Promise<E2eLoadResult['halfRate']> {
  const firstMinute = (Math.floor(Date.now() / MINUTE_MS) + 1 + o.warmupMinutes) * MINUTE_MS
  await chain.gateway.run(rate, firstMinute) // the warm-up: up to the next minute, then warmupMinutes whole ones
  const measured = Array.from({ length: o.minutes }, (_, i) => firstMinute + i * MINUTE_MS)
  const lastEnd = (measured.at(-1) as number) + MINUTE_MS
  const cpu = cpuMeter(chain)
  const before = await chain.snapshot()
  const publishing = chain.gateway.run(rate, lastEnd + 5_000)
  const seen = new Map<number, Map<string, number>>(measured.map((m) => [m, new Map()]))
  const giveUpAt = lastEnd + 3 * MINUTE_MS
  let after: Snapshot | undefined
  let cpuFigures: CpuFigures | undefined
  while (Date.now() < giveUpAt) {
    const open = measured.filter((m) => m + MINUTE_MS <= Date.now() && (seen.get(m) as Map<string, number>).size < chain.machines.length)
    if (open.length === 0 && Date.now() > lastEnd) break
    for (const m of open) {
      const { csv } = await timedQuery(chain.s, flux`from(bucket: ${chain.id}) |> range(start: ${new Date(m)}, stop: ${new Date(m + 1_000)}) |> filter(fn: (r) => r._measurement == "machine_minute" and r._field == "running_s") |> keep(columns: ["machine"])`)
      const at = Date.now()
      const machines = seen.get(m) as Map<string, number>
      for (const [machine] of csv.matchAll(/loom-\d+/g)) if (!machines.has(machine)) machines.set(machine, at - (m + MINUTE_MS))
    }
    if (!after && Date.now() >= lastEnd) {
      after = await chain.snapshot()
      cpuFigures = cpu()
    }
    await sleep(o.pollMs)
  }
  await publishing
  const end = after ?? (await chain.snapshot())
  const all = [...seen.values()].flatMap((m) => [...m.values()])
  const stats = (xs: number[]) => {
    const [p50, p90, p99] = percentiles(xs, [50, 90, 99]) as [number, number, number]
    return { p50, p90, p99, max: Math.max(...xs) }
  }
  return {
    rate, minutes: o.minutes, warmupMinutes: o.warmupMinutes, achievedSamplesPerS: Math.round(((end.acked - before.acked) * 1000) / (end.atMs - before.atMs)),
    latencyMs: { count: all.length, missing: measured.length * chain.machines.length - all.length, ...stats(all) },
    perMinute: [...seen].map(([m, machines]) => {
      const { p50, p99, max } = stats([...machines.values()])
      return { minute: new Date(m).toISOString(), count: machines.size, p50, p99, max }
    }),
    consumerLagEnd: end.inputEnd - end.committed, brokerBacklogEnd: end.acked - end.produced,
    means: {
      stepsPerS: Math.round(((end.steps.count - before.steps.count) * 10_000) / (end.atMs - before.atMs)) / 10,
      stepMs: meanMs(before.steps, end.steps), influxWriteMs: meanMs(before.influxWrites, end.influxWrites), ingestReceiveToKafkaMs: meanMs(before.receiveToKafka, end.receiveToKafka),
    },
    cpu: cpuFigures ?? cpu(),
  }
}
