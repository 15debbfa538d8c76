// Ingest benchmark: the same MQTT load through MillStream's ingest and the peers, one after the
// other on this machine, each into a fresh Kafka topic. See docs/performance.md.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import mqtt from 'mqtt'
import { floor, millstream, millstreamIngest, ROOT, telegraf, type BenchEnv, type Contender } from './lib/contenders.ts'
import { startSinkThread } from './lib/sink-thread.ts'
import { runLoadThreads } from './lib/load-threads.ts'
import { percentiles } from './lib/percentiles.ts'
import { watchHostSpeed } from './lib/host-speed.ts'
import { watchProcesses } from './lib/proc-stats.ts'

const HELP = `Usage: pnpm bench:ingest [options]

Publishes the same QoS 1 load from N gateway connections through each contender into its own
Kafka topic and reports sustained messages/s, publish-to-Kafka latency (p50/p99/max), the
contender's CPU and peak RSS, and the dead-letter rate, with ratios to MillStream.
Needs the servers (bash deploy/local/servers.sh up).

  --rate N         offered samples per second (default 8000); with --batch 0 one sample is one message
  --batch N        contract v1.1 batches of N samples per message on mill/v1/{firm}/{plant}/batch,
                   round-robin over 7 machines; Telegraf parses them with json_v2 (default 0: v1)
  --duration S     seconds of load per contender (default 20)
  --gateways N     publishing connections (default 8)
  --load-threads N worker threads generating the load (default 2)
  --bad-rate F     share of invalid messages (default 0.01)
  --contenders L   comma list of millstream,millstream-xN,floor,telegraf (default millstream,
                   floor,telegraf; millstream-x2 is N ingest processes in one shared subscription; telegraf is
                   built on first use with the Go toolchain, see test/bench/peers)
  --out FILE       also write the results as JSON (default .run/bench/ingest-<time>.json)
  --help`

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '8000' },
    batch: { type: 'string', default: '0' },
    duration: { type: 'string', default: '20' },
    gateways: { type: 'string', default: '8' },
    'load-threads': { type: 'string', default: '2' },
    'bad-rate': { type: 'string', default: '0.01' },
    contenders: { type: 'string', default: 'millstream,floor,telegraf' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  console.log(HELP)
  process.exit(0)
}
const num = (name: string, text: string) => {
  const n = Number(text)
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: --${name} must be a positive number, got "${text}"`)
    process.exit(2)
  }
  return n
}
const rate = num('rate', values.rate)
const durationS = num('duration', values.duration)
const gateways = Math.round(num('gateways', values.gateways))
const threads = Math.round(num('load-threads', values['load-threads']))
const badRate = Number(values['bad-rate'])
const batchSize = Math.round(Number(values.batch))
if (!Number.isInteger(batchSize) || batchSize < 0 || batchSize > 1000) {
  console.error(`bench: --batch must be 0 (v1 messages) or 1..1000 samples, got "${values.batch}"`)
  process.exit(2)
}
const perMessage = Math.max(1, batchSize)

const envFile = join(ROOT, '.run/servers/env')
if (!existsSync(envFile)) {
  console.error('bench: the servers are not up. Run: bash deploy/local/servers.sh up')
  process.exit(2)
}
const serverEnv = Object.fromEntries([...readFileSync(envFile, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]))
const credentials = JSON.parse(readFileSync(serverEnv.MQTT_CREDENTIALS_FILE as string, 'utf8')) as Record<string, string>
const mqttUrl = new URL(serverEnv.MQTT_URL as string)
const workDir = join(ROOT, '.run/bench')
mkdirSync(workDir, { recursive: true })
const env: BenchEnv = {
  kafkaBrokers: serverEnv.KAFKA_BROKERS as string,
  mqttHost: mqttUrl.hostname,
  mqttPort: Number(mqttUrl.port),
  ingestPassword: credentials.ingest as string,
  registryPath: join(ROOT, 'seeds/test-registry.json'),
  workDir,
  batchSize,
}
const DEVICES = ['weaving/loom-01', 'weaving/loom-02', 'spinning/rf-01', 'dyeing/jd-01', 'finishing/st-01', 'sewing/sw-01', 'sewing/sw-02'].map((d) => `mill/v1/test-firm/test-plant/${d}`)

const chosen: Contender[] = []
for (const name of values.contenders.split(',').map((s) => s.trim())) {
  const instances = /^millstream-x([1-8])$/.exec(name)
  if (name === 'millstream') chosen.push(millstream)
  else if (instances) chosen.push(millstreamIngest(Number(instances[1])))
  else if (name === 'floor') chosen.push(floor)
  else if (name === 'telegraf') {
    process.stderr.write('bench: building or finding telegraf ...\n')
    const bin = execFileSync('bash', [join(ROOT, 'test/bench/peers/build-telegraf.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
    chosen.push(telegraf(bin))
  } else {
    console.error(`bench: unknown contender "${name}" (millstream, millstream-x2 .. millstream-x8, floor, telegraf)`)
    process.exit(2)
  }
}

async function purgeSessions(clientIds: string[]): Promise<void> {
  for (const clientId of clientIds) {
    const client = await mqtt.connectAsync(`mqtt://${env.mqttHost}:${env.mqttPort}`, { clientId, clean: true, username: 'ingest', password: env.ingestPassword, reconnectPeriod: 0 })
    await client.endAsync()
  }
}

const kafka = new Kafka({ clientId: 'bench', brokers: [env.kafkaBrokers], logLevel: logLevel.NOTHING })
const admin = kafka.admin()
await admin.connect()
const results = []
for (const contender of chosen) {
  const runId = `${Date.now().toString(36)}`
  const outTopic = `bench.ingest.${contender.name.replace(/[^a-z]+/g, '-')}.${runId}`
  await admin.createTopics({ topics: [{ topic: outTopic, numPartitions: 12 }, { topic: `${outTopic}.dlq`, numPartitions: 3 }], waitForLeaders: true })
  const sink = await startSinkThread([env.kafkaBrokers], outTopic)
  const running = contender.start(env, outTopic, runId)
  await running.ready()
  process.stderr.write(`bench: ${contender.name}: ${rate} samples/s (${rate / perMessage} msg/s) offered for ${durationS}s from ${gateways} gateways\n`)
  const watch = watchProcesses(() => running.pids())
  // The host's speed over the contender's window: on a shared VM it moves, and a ratio between
  // contenders measured at different speeds says as much about the host as about them.
  const hostWatch = watchHostSpeed()
  const loadStartMs = Date.now()
  const load = await runLoadThreads({
    url: `mqtt://${env.mqttHost}:${env.mqttPort}`,
    username: 'gw-test-firm-test-plant',
    password: credentials['gw-test-firm-test-plant'] as string,
    gateways,
    ratePerS: rate,
    durationS,
    badRate,
    devices: DEVICES,
    batchSize,
    batchTopic: 'mill/v1/test-firm/test-plant/batch',
  }, threads)
  const valid = load.acked - load.bad
  const deadline = Date.now() + 120_000
  let lastReport = 0
  for (let n = await sink.count(); n < valid && Date.now() < deadline; n = await sink.count()) {
    if (Date.now() - lastReport > 2000) {
      process.stderr.write(`  published ${load.acked}, in Kafka ${n}\n`)
      lastReport = Date.now()
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const usage = watch.stop()
  const hostSpeed = hostWatch.stop()
  await running.stop()
  // A persistent session left on the broker would collect a copy of every later message.
  await purgeSessions([`bench-tg-${runId}`, ...Array.from({ length: 8 }, (_, i) => `bench-ms-${runId}-${i}`), `bench-floor-${runId}`])
  const stats = await sink.stop()
  const dlq = await admin.fetchTopicOffsets(`${outTopic}.dlq`).then((ps) => ps.reduce((n, p) => n + Number(p.high), 0))
  // A run writes about 1 GB to Kafka: kept, a day of runs left 14 GB and 400 topics on the servers,
  // and the next runs shared the disk with writing them back.
  await admin.deleteTopics({ topics: [outTopic, `${outTopic}.dlq`] })
  const [p50, p99, max] = percentiles(stats.latenciesMs, [50, 99, 100])
  // Sustained rate: everything delivered over the time from the first publish to the last arrival.
  const spanS = Math.max(0.001, (stats.lastAtMs - loadStartMs) / 1000)
  results.push({
    contender: contender.name,
    guarantee: contender.guarantee,
    offeredPerS: rate,
    published: load.acked,
    delivered: stats.count,
    missing: Math.max(0, valid - stats.count),
    deadLettered: dlq,
    badSent: load.bad,
    throughputPerS: Math.round(stats.count / spanS),
    messagesPerS: Math.round(stats.count / perMessage / spanS),
    latencyMs: { p50, p99, max },
    cpuCores: Number(usage.cpuCores.toFixed(2)),
    cpuSPerMillionMsgs: Number(((usage.cpuS / Math.max(1, stats.count)) * 1e6).toFixed(1)),
    peakRssMiB: Math.round(usage.peakRssMiB),
    spanS: Number(spanS.toFixed(1)),
    hostProbeMs: { median: hostSpeed.medianMs, min: hostSpeed.minMs, max: hostSpeed.maxMs },
  })
}
await admin.disconnect()

const base = results.find((r) => r.contender === millstream.name)
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '-')
const form = batchSize > 0 ? `batches of ${batchSize} samples` : 'v1 messages'
console.log(`\nIngest benchmark: ${rate} samples/s offered as ${form} for ${durationS}s, ${gateways} gateways, bad rate ${badRate}`)
console.log('| contender | delivered/published samples | samples/s (x MillStream) | messages/s | p50 ms | p99 ms | max ms | CPU cores | CPU s per 1M samples | peak RSS MiB | DLQ | host probe ms, median |')
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for (const r of results) {
  console.log(`| ${r.contender} | ${r.delivered}/${r.published} | ${r.throughputPerS} (${ratio(r.throughputPerS, base?.throughputPerS)}) | ${r.messagesPerS} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.cpuCores} | ${r.cpuSPerMillionMsgs} | ${r.peakRssMiB} | ${r.deadLettered} | ${r.hostProbeMs.median} |`)
}
const out = values.out ?? join(workDir, `ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), rate, batchSize, durationS, gateways, badRate, results }, null, 2)}\n`)
console.log(`\nresults: ${out}`)
