// API benchmark (not a timed test): line OEE of a 500-machine plant for a day and a month through
// HTTP, the API in-process on the servers of .run/servers/env. See docs/performance.md.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { flux, InfluxDB, Point } from '@influxdata/influxdb-client'
import { createInfluxWriter, rollupRange } from '@millstream/aggregator'
import { apiConfigSchema, createUserStore, startApi } from '@millstream/api'
import { ELEMENT_FIELDS, MEASUREMENTS } from '@millstream/contract'
import { createStore, localDays, sumFlux } from '@millstream/store'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import pino from 'pino'
import { percentiles } from './lib/percentiles.ts'

const { values } = parseArgs({ options: { machines: { type: 'string', default: '500' }, calls: { type: 'string', default: '20' }, bucket: { type: 'string', default: `bench-api-${Date.now().toString(36)}` }, 'skip-write': { type: 'boolean', default: false }, 'skip-rollup': { type: 'boolean', default: false } } })
const env = process.env
const MACHINES = Number(values.machines)
const CALLS = Number(values.calls)
const registry = loadRegistry(TEST_REGISTRY_PATH)
const plant = registry.firms[0]?.plants[0]
if (!plant || !env.INFLUX_URL || !env.INFLUX_TOKEN || !env.INFLUX_ORG) throw new Error('source .run/servers/env first')
const LINES = plant.lines.map((l) => l.id)
const MONTH = { startMs: Date.parse('2025-06-01T00:00:00+08:00'), endMs: Date.parse('2025-07-01T00:00:00+08:00') }

const influx = new InfluxDB({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, timeout: 120_000 })
const orgs = (await (await fetch(`${env.INFLUX_URL}/api/v2/orgs?org=${env.INFLUX_ORG}`, { headers: { authorization: `Token ${env.INFLUX_TOKEN}` } })).json()) as { orgs: { id: string }[] }
await fetch(`${env.INFLUX_URL}/api/v2/buckets`, { method: 'POST', headers: { authorization: `Token ${env.INFLUX_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ orgID: orgs.orgs[0]?.id, name: values.bucket, retentionRules: [] }) })

// Hour rollups only: a finished month is read from them (store rollup plan).
const started = Date.now()
const write = influx.getWriteApi(env.INFLUX_ORG, values.bucket, 's', { batchSize: 10_000, maxRetries: 2 })
for (let h = MONTH.startMs; h < (values['skip-write'] ? MONTH.startMs : MONTH.endMs); h += 3_600_000) {
  for (let m = 0; m < MACHINES; m++) {
    const run = 2000 + (m % 7) * 100
    write.writePoint(new Point(MEASUREMENTS.machineHour).tag('firm', 'test-firm').tag('plant', 'test-plant').tag('line', LINES[m % LINES.length] ?? 'weaving').tag('machine', `m-${m}`).tag('machine_type', 'loom').tag('unit', 'pick')
      .floatField('apt_s', run).floatField('asut_s', 200).floatField('adet_s', 3600 - run - 500).floatField('adot_s', 300).floatField('pdt_s', 0).floatField('nonscheduled_s', 0).floatField('reasoned_s', 3600 - run - 500)
      .floatField('unknown_s', 0).floatField('ideal_produced_s', run * 0.9).floatField('ideal_good_s', run * 0.88).floatField('ideal_inspected_s', run * 0.9)
      .intField('minutes', 60).floatField('running_s', run).floatField('idle_s', 300).floatField('down_s', 3600 - run - 500).floatField('setup_s', 200).floatField('planned_stop_s', 0).floatField('off_s', 0).timestamp(h / 1000))
  }
  await write.flush()
}
await write.close()
const writeS = (Date.now() - started) / 1000

// The line and plant roll-ups of those hours, by the aggregator's roll-up code (what its stage writes live).
const rollupStarted = Date.now()
if (!values['skip-rollup']) {
  const writer = createInfluxWriter({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, org: env.INFLUX_ORG, buckets: { minutes: values.bucket, rollups: values.bucket }, timeoutMs: 60_000, batchLines: 5_000 })
  const source = createStore({ url: env.INFLUX_URL, token: env.INFLUX_TOKEN, org: env.INFLUX_ORG, bucket: values.bucket, timeoutMs: 120_000 })
  await rollupRange({ source, writer, firm: 'test-firm', plant: 'test-plant', timeZone: 'Asia/Shanghai', range: MONTH })
}
const rollupS = (Date.now() - rollupStarted) / 1000

const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'))
const users = createUserStore(join(dataDir, 'users.json'))
await users.putUser({ name: 'bench', role: 'energy_officer', firms: ['test-firm'], plants: [], password: 'bench-password-long' })
const P = '/v1/firms/test-firm/plants/test-plant/efficiency'
const DAY_PATH = `${P}?from=2025-06-15&to=2025-06-15&by=line`
const MONTH_PATH = `${P}?from=2025-06-01&to=2025-06-30&by=line`

/** The API in-process with or without the settled cache; each call timed through HTTP. */
async function run(cacheRows: string) {
  const config = apiConfigSchema.parse({ ...env, INFLUX_BUCKET: values.bucket, API_PORT: '0', HTTP_PORT: '0', API_DATA_DIR: dataDir, API_JWT_SECRET: 'b'.repeat(40), LOG_LEVEL: 'silent', API_CACHE_ROWS: cacheRows })
  const api = await startApi({ config, logger: pino({ level: 'silent' }), registry })
  const base = `http://127.0.0.1:${api.port}`
  const { token } = (await (await fetch(`${base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password-long' }) })).json()) as { token: string }
  const failures: string[] = []
  const measure = async (path: string) => {
    const ms: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now()
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })
      const body = await res.text()
      // A failed call is counted and shown, not timed: the figures are of answers.
      if (!res.ok) failures.push(`${res.status} ${body.slice(0, 200)}`)
      else ms.push(performance.now() - t0)
    }
    const [p50, p95, max] = percentiles(ms, [50, 95, 100]).map((x) => Math.round(x))
    return { first: Math.round(ms[0] as number), p50, p95, max, failed: failures.splice(0).slice(0, 3) }
  }
  const out = { day: await measure(DAY_PATH), month: await measure(MONTH_PATH) }
  await api.stop()
  return out
}

/** Where a cold call's time goes: the two Flux sums alone (InfluxDB and row transport), then the store call (plus JS). */
async function profile(range: { startMs: number; endMs: number }) {
  const queryApi = influx.getQueryApi(env.INFLUX_ORG as string)
  const spec = { bucket: values.bucket, range, where: { firm: 'test-firm', plant: 'test-plant' }, by: ['line'] }
  const time = async (f: () => Promise<unknown>) => {
    const ms: number[] = []
    for (let i = 0; i < Math.min(CALLS, 10); i++) {
      const t0 = performance.now()
      await f()
      ms.push(performance.now() - t0)
    }
    return Math.round(percentiles(ms, [50])[0] as number)
  }
  const fields = [...ELEMENT_FIELDS, 'unknown_s', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s']
  const fluxMs = await time(() => queryApi.collectRows(sumFlux({ ...spec, measurement: MEASUREMENTS.machineHour, fields })))
  const lineFluxMs = await time(() => queryApi.collectRows(sumFlux({ ...spec, measurement: MEASUREMENTS.lineHour, fields })))
  const stopFluxMs = await time(() => queryApi.collectRows(sumFlux({ ...spec, by: ['line', 'reason'], measurement: MEASUREMENTS.machineStopHour, fields: ['count', 'down_s'] })))
  const store = createStore({ url: env.INFLUX_URL as string, token: env.INFLUX_TOKEN as string, org: env.INFLUX_ORG as string, bucket: values.bucket })
  const machinesOnly = createStore({ url: env.INFLUX_URL as string, token: env.INFLUX_TOKEN as string, org: env.INFLUX_ORG as string, bucket: values.bucket, lineRollups: false })
  const q = { firm: 'test-firm', plant: 'test-plant', timeZone: 'Asia/Shanghai', range, by: ['line'] as const }
  const storeMs = await time(() => store.efficiency(q))
  const storeMachinesMs = await time(() => machinesOnly.efficiency(q))
  // InfluxDB's own account of a query (Flux profiler): execution inside the server, the rest of a client's time is transport and parsing.
  const serverMs = async (measurement: string) => {
    const rows = await queryApi.collectRows<Record<string, unknown>>(flux`import "profiler"
option profiler.enabledProfilers = ["query"]
${sumFlux({ ...spec, measurement, fields })}`)
    const p = rows.find((r) => r._measurement === 'profiler/query')
    return p ? Math.round(Number(p.TotalDuration) / 1e6) : null
  }
  return {
    machineHourFluxP50: fluxMs, lineHourFluxP50: lineFluxMs, stopsFluxP50: stopFluxMs, storeEfficiencyP50: storeMs, storeEfficiencyMachineHoursP50: storeMachinesMs, rollupReads: store.rollupReads,
    serverMs: { machineHour: await serverMs(MEASUREMENTS.machineHour), lineHour: await serverMs(MEASUREMENTS.lineHour) },
  }
}

const load = () => (readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '))
const loadBefore = load()
const cold = await run('0')
const warm = await run('200000')
const prof = { day: await profile(localDays('2025-06-15', '2025-06-15', 'Asia/Shanghai')), month: await profile(localDays('2025-06-01', '2025-06-30', 'Asia/Shanghai')) }
console.log(JSON.stringify({ machines: MACHINES, hourPoints: MACHINES * 720, writeS, rollupS, calls: CALLS, loadavg: { before: loadBefore, after: load() }, coldMs: cold, settledCacheMs: warm, profileMs: prof }, null, 2))
