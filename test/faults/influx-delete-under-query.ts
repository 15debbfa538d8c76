/**
 * Reproduces the InfluxDB 2.7.12 crash seen in test runs (docs/infrastructure.md): a bucket
 * deleted while queries read it. Starts the given binary on a fresh folder and a free port, then
 * per round: creates a bucket, writes 4 h of minute points for 200 machines, starts READERS query
 * loops (grouped hourly sums, pivoted), deletes the bucket 0.3-1 s later, and checks that influxd
 * still runs. Prints one JSON line; exit 1 when influxd died.
 *
 *   INFLUXD_BIN=~/.cache/millstream/influxd-2.7.12-go1.23.9/bin/influxd ROUNDS=20 \
 *     node --import tsx test/faults/influx-delete-under-query.ts
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { flux } from '@influxdata/influxdb-client'

const bin = process.env.INFLUXD_BIN ?? ''
if (!bin) throw new Error('INFLUXD_BIN: the influxd binary to try')
const rounds = Number(process.env.ROUNDS ?? 20)
const readers = Number(process.env.READERS ?? 6)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)) })
})
const dir = mkdtempSync(join(tmpdir(), 'influx-delete-under-query-'))
const logFile = join(dir, 'influxd.log')
const child = spawn(bin, ['--bolt-path', join(dir, 'influxd.bolt'), '--engine-path', join(dir, 'engine'), '--sqlite-path', join(dir, 'influxd.sqlite'),
  '--http-bind-address', `127.0.0.1:${port}`, '--reporting-disabled', '--ui-disabled', '--log-level', 'warn'], { stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] })
let exited: { code: number | null; signal: string | null } | undefined
child.on('exit', (code, signal) => { exited = { code, signal } })
process.on('exit', () => { if (!exited) child.kill('SIGKILL') })

const url = `http://127.0.0.1:${port}`
for (let deadline = Date.now() + 60_000; !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); await sleep(200)) {
  if (Date.now() > deadline || exited) throw new Error(`influxd did not start: ${logFile}`)
}
const token = 'delete-under-query-token', org = 'millstream'
const setup = (await (await fetch(`${url}/api/v2/setup`, { method: 'POST', body: JSON.stringify({ username: 'crash', password: 'delete-under-query', org, bucket: 'first', token }) })).json()) as { org: { id: string } }
const headers = { Authorization: `Token ${token}`, 'Content-Type': 'application/json' }

let answered = 0
let round = 0
for (; round < rounds && !exited; round++) {
  const name = `round-${round}`
  const bucket = (await (await fetch(`${url}/api/v2/buckets`, { method: 'POST', headers, body: JSON.stringify({ orgID: setup.org.id, name, retentionRules: [] }) })).json()) as { id: string }
  const t0 = Math.floor(Date.now() / 1000) - 86_400
  for (let hour = 0; hour < 4; hour++) {
    const lines: string[] = []
    for (let m = 0; m < 200; m++) for (let i = 0; i < 60; i++) lines.push(`machine_minute,plant=p${m % 5},line=l${m % 10},machine=m${m} running_s=${i},count=${m * i} ${t0 + (hour * 60 + i) * 60}`)
    await fetch(`${url}/api/v2/write?org=${org}&bucket=${name}&precision=s`, { method: 'POST', headers, body: lines.join('\n') })
  }
  const query = flux`from(bucket: ${name}) |> range(start: -2d) |> filter(fn: (r) => r._measurement == "machine_minute")
    |> group(columns: ["line", "_field"]) |> aggregateWindow(every: 1h, fn: sum) |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")`.toString()
  let stop = false
  const loop = async () => {
    while (!stop && !exited) {
      const ok = await fetch(`${url}/api/v2/query?org=${org}`, { method: 'POST', headers: { ...headers, Accept: 'application/csv' }, body: JSON.stringify({ query, type: 'flux' }) })
        .then(async (r) => (await r.text(), r.ok), () => false)
      if (ok) answered++
    }
  }
  const loops = Array.from({ length: readers }, loop)
  await sleep(300 + Math.random() * 700)
  await fetch(`${url}/api/v2/buckets/${bucket.id}`, { method: 'DELETE', headers }).catch(() => undefined)
  await sleep(500)
  stop = true
  await Promise.all(loops)
}
await sleep(500)
const crash = exited ? readFileSync(logFile, 'utf8').split('\n').filter((l) => /fatal error|SIGSEGV|^github\.com/.test(l)).slice(0, 6) : []
console.log(JSON.stringify({ bin, rounds: round, readers, answered, exited: exited ?? null, crash, log: logFile }))
process.exit(exited ? 1 : 0)
