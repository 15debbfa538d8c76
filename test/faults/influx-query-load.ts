/**
 * Crash hunt for an influxd binary (docs/infrastructure.md, "The Go toolchain"): starts the binary
 * on a fresh data folder and a free port, writes minute points shaped like the aggregator's while
 * READERS loops run the read side's summing queries (@millstream/store's sumFlux: grouped sums
 * that InfluxDB pushes down to storage, where the crash was seen) and its count and window
 * queries, for DURATION_S or until influxd exits. Prints what happened as one JSON line.
 *
 *   INFLUXD_BIN=~/.cache/millstream/influxd-2.7.12-go1.23.9/bin/influxd DURATION_S=600 READERS=8 \
 *     nice node --import tsx test/faults/influx-query-load.ts
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { flux, InfluxDB, setLogger, type ParameterizedQuery } from '@influxdata/influxdb-client'
import { machineFieldNames, MEASUREMENTS } from '@millstream/contract'
import { sumFlux } from '@millstream/store'

const bin = process.env.INFLUXD_BIN ?? ''
if (!bin) throw new Error('INFLUXD_BIN: the influxd binary to load')
const durationMs = Number(process.env.DURATION_S ?? 600) * 1000
const readers = Number(process.env.READERS ?? 8)
const maxSpanMin = Number(process.env.MAX_SPAN_MIN ?? 60)
const PLANTS = 5, LINES = 4, MACHINES = 100, HISTORY_MIN = 240
const REASONS = ['warp_break', 'weft_break', 'doffing', 'no_material', 'maintenance', 'unspecified']
const FIELDS = machineFieldNames(['electricity'])
const BY: string[][] = [[], ['line'], ['machine'], ['line', 'machine_type', 'unit'], ['machine', 'unit']]
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)) })
})
const dir = mkdtempSync(join(tmpdir(), 'influx-query-load-'))
const logFile = join(dir, 'influxd.log')
// Small, quickly cold caches: snapshots and compactions replace TSM files under running queries.
const child = spawn(bin, ['--bolt-path', join(dir, 'influxd.bolt'), '--engine-path', join(dir, 'engine'), '--sqlite-path', join(dir, 'influxd.sqlite'),
  '--http-bind-address', `127.0.0.1:${port}`, '--reporting-disabled', '--ui-disabled', '--log-level', 'warn', '--storage-wal-fsync-delay', '0s'], {
  stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
  env: { ...process.env, INFLUXD_STORAGE_CACHE_SNAPSHOT_MEMORY_SIZE: process.env.SNAPSHOT_BYTES ?? '8388608', INFLUXD_STORAGE_CACHE_SNAPSHOT_WRITE_COLD_DURATION: '10s' },
})
let exited: { code: number | null; signal: string | null; atMs: number } | undefined
const t0 = Date.now()
child.on('exit', (code, signal) => { exited = { code, signal, atMs: Date.now() - t0 } })
// Never leave the server behind, whatever ends this process.
process.on('exit', () => { if (!exited) child.kill('SIGKILL') })

const url = `http://127.0.0.1:${port}`
for (let deadline = Date.now() + 60_000; !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); await sleep(200)) {
  if (Date.now() > deadline || exited) throw new Error(`influxd did not start: ${logFile}`)
}
const token = 'query-load-token', org = 'millstream', bucket = 'load'
await fetch(`${url}/api/v2/setup`, { method: 'POST', body: JSON.stringify({ username: 'load', password: 'query-load-password', org, bucket, token }) })
const client = new InfluxDB({ url, token, timeout: 120_000 })
const write = client.getWriteApi(org, bucket, 's', { batchSize: 10_001, maxRetries: 0 })
const queryApi = client.getQueryApi(org)

const machineTags = (p: number, m: number) =>
  `firm=firm-a,plant=plant-${p},line=line-${m % LINES},machine=m-${p}-${m},machine_type=${m % 2 ? 'air_jet_loom' : 'ring_frame'},unit=${m % 2 ? 'pick' : 'kg'}`
/** One simulated minute of every machine: its minute point, an intake point, sometimes a stop. */
function minuteLines(minute: number): string[] {
  const ts = minute * 60, lines: string[] = []
  for (let p = 0; p < PLANTS; p++) {
    for (let m = 0; m < MACHINES; m++) {
      const fields = FIELDS.map((f) => `${f}=${(Math.random() * 60).toFixed(3)}`).join(',')
      lines.push(`${MEASUREMENTS.machineMinute},${machineTags(p, m)} ${fields} ${ts}`)
      lines.push(`${MEASUREMENTS.intakeMinute},firm=firm-a,plant=plant-${p},line=line-${m % LINES},device=m-${p}-${m},kind=machine samples=9i ${ts}`)
      if (Math.random() < 0.05) lines.push(`${MEASUREMENTS.machineStopMinute},${machineTags(p, m)},reason=${pick(REASONS)} count=1i,down_s=${Math.floor(Math.random() * 60)} ${ts}`)
    }
    lines.push(`${MEASUREMENTS.meterMinute},firm=firm-a,plant=plant-${p},line=incomer,meter=incomer-${p},scope=plant,medium=electricity electricity_kwh=${(Math.random() * 900).toFixed(2)} ${ts}`)
  }
  return lines
}

const startMin = Math.floor(Date.now() / 60_000) - HISTORY_MIN
let nowMin = startMin
const stats = { written: 0, queries: 0, queryErrors: 0, writeErrors: 0, firstError: '' }
// Failed writes are counted, not logged by the client (a loaded InfluxDB answers some with a timeout).
setLogger({ error: () => undefined, warn: () => undefined })
/** Writes and flushes, once more after a failure: the history must be there for the queries. */
async function writeMinute(minute: number): Promise<void> {
  const lines = minuteLines(minute)
  for (let attempt = 0; attempt < 2; attempt++) {
    write.writeRecords(lines)
    if (await write.flush().then(() => true, () => false)) { stats.written += lines.length; return }
    stats.writeErrors++
  }
}
for (; nowMin < startMin + HISTORY_MIN; nowMin++) await writeMinute(nowMin)

/** A query like the scorer's and the API's, over a random stretch of the history written so far. */
function randomQuery(): ParameterizedQuery {
  // Spans up to MAX_SPAN_MIN: many short queries (a dashboard's, a scorer's hour) rather than a few long ones.
  const endMin = startMin + 1 + Math.floor(Math.random() * (nowMin - startMin)), spanMin = 1 + Math.floor(Math.random() * Math.min(maxSpanMin, endMin - startMin))
  const range = { startMs: (endMin - spanMin) * 60_000, endMs: endMin * 60_000 }, plant = `plant-${Math.floor(Math.random() * PLANTS)}`
  const kind = Math.random()
  if (kind < 0.6) {
    const fields = FIELDS.filter(() => Math.random() < 0.3).concat('running_s')
    return sumFlux({ bucket, measurement: MEASUREMENTS.machineMinute, range, where: { firm: 'firm-a', plant }, fields, by: pick(BY) }, { byTime: Math.random() < 0.3 })
  }
  if (kind < 0.8) return sumFlux({ bucket, measurement: MEASUREMENTS.machineStopMinute, range, where: { firm: 'firm-a', plant }, fields: ['count', 'down_s'], by: pick([['reason'], ['machine', 'reason'], ['line']]) })
  if (kind < 0.9) {
    return flux`from(bucket: ${bucket}) |> range(start: ${new Date(range.startMs)}, stop: ${new Date(range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.intakeMinute} and r.plant == ${plant}) |> filter(fn: (r) => r._field == "samples") |> group(columns: ["device"]) |> count()`
  }
  return flux`from(bucket: ${bucket}) |> range(start: ${new Date(range.startMs)}, stop: ${new Date(range.endMs)})
  |> filter(fn: (r) => r._measurement == ${MEASUREMENTS.meterMinute} and r.plant == ${plant}) |> filter(fn: (r) => r._field == "electricity_kwh")
  |> aggregateWindow(every: 15m, fn: max, createEmpty: false, timeSrc: "_start")`
}

const loadT0 = Date.now()
const running = () => !exited && Date.now() - loadT0 < durationMs
const writer = (async () => {
  // Two simulated minutes a second: ~2,000 points/s on top of the queries.
  while (running()) {
    await writeMinute(nowMin++)
    await sleep(500)
  }
})()
const reader = async () => {
  while (running()) {
    await queryApi.collectRows(randomQuery()).then(() => void stats.queries++, (e: unknown) => {
      stats.queryErrors++
      stats.firstError ||= e instanceof Error ? e.message : String(e)
    })
  }
}
await Promise.all([writer, ...Array.from({ length: readers }, reader)])

const alive = !exited
if (alive) child.kill('SIGTERM')
const log = readFileSync(logFile, 'utf8')
const crashAt = log.search(/SIGSEGV|fatal error|panic:/)
const excerpt = crashAt < 0 ? [] : log.slice(crashAt).split('\n').filter((l) => /SIGSEGV|fatal error|panic:|^goroutine \d+ \[running|appendTheseTags|^github\.com\/influxdata/.test(l)).slice(0, 12)
console.log(JSON.stringify({ binary: bin, historyS: Math.round((loadT0 - t0) / 1000), loadS: Math.round((Date.now() - loadT0) / 1000), aliveAtEnd: alive, exited, ...stats, simulatedMinutes: nowMin - startMin, log: logFile, crash: excerpt }))
process.exit(0)
