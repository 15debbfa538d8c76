/**
 * Compares what InfluxDB's minute points add up to, per device and series, with what the
 * simulator says a correct pipeline adds up (`expectedIncrements`, docs/simulator.md): production
 * (`produced_qty` against `count`) and each medium's consumption, for machines and meters. Polls
 * until they agree or DEADLINE_S passes (the aggregators may still be catching up); exits 1 on a
 * difference. Environment: INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG.
 *
 *   node --import tsx test/faults/totals-vs-report.ts REPORT.json BUCKET
 */
import { readFileSync } from 'node:fs'
import { InfluxDB } from '@influxdata/influxdb-client'
import { ENERGY_MEDIUM_NAMES, MEASUREMENTS, mediumField } from '@millstream/contract'
import type { SimulationReport } from '@millstream/simulator'
import { sumFlux } from '@millstream/store'

const report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SimulationReport
const bucket = process.argv[3] ?? ''
const deadlineMs = Date.now() + Number(process.env.DEADLINE_S ?? 300) * 1000
const queryApi = new InfluxDB({ url: process.env.INFLUX_URL ?? '', token: process.env.INFLUX_TOKEN ?? '', timeout: 120_000 }).getQueryApi(process.env.INFLUX_ORG ?? '')
const seriesOfField = new Map<string, string>([['produced_qty', 'count'], ...ENERGY_MEDIUM_NAMES.map((m): [string, string] => [mediumField(m), `energy:${m}`])])

const expected = new Map<string, number>()
for (const [device, d] of Object.entries(report.devices)) for (const [series, v] of Object.entries(d.expectedIncrements)) expected.set(`${device} ${series}`, v)

/** Sums per device and field, through the read side's own query (pushed down to storage). */
async function influxTotals(): Promise<Map<string, number>> {
  // A spread delta may land up to AGG_MAX_SPREAD before the first reading's minute: read an hour around the period.
  const range = { startMs: report.fromMs - 3_600_000, endMs: report.toMs + 3_600_000 }
  const totals = new Map<string, number>()
  for (const [measurement, device] of [[MEASUREMENTS.machineMinute, 'machine'], [MEASUREMENTS.meterMinute, 'meter']] as const) {
    const fields = measurement === MEASUREMENTS.machineMinute ? [...seriesOfField.keys()] : [...seriesOfField.keys()].filter((f) => f !== 'produced_qty')
    const rows = await queryApi.collectRows<Record<string, unknown>>(sumFlux({ bucket, measurement, range, where: {}, fields, by: ['firm', 'plant', 'line', device] }))
    for (const r of rows) totals.set(`${String(r.firm)}/${String(r.plant)}/${String(r.line)}/${String(r[device])} ${seriesOfField.get(String(r._field))}`, Number(r._value))
  }
  return totals
}

// Floating-point sums taken in another order differ in the last bits; anything above this is a real difference.
const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
let actual = new Map<string, number>()
for (;;) {
  // A timed-out or failed query is tried again until the deadline.
  actual = await influxTotals().catch((e: unknown) => { console.error(`query failed: ${e instanceof Error ? e.message : String(e)}`); return actual })
  if ([...expected].every(([k, v]) => close(actual.get(k), v)) || Date.now() > deadlineMs) break
  await new Promise((r) => setTimeout(r, 5_000))
}
const differences = [...expected].filter(([k, v]) => !close(actual.get(k), v)).map(([k, v]) => ({ series: k, expected: v, influx: actual.get(k) ?? null }))
const maxAbsDiff = Math.max(0, ...[...expected].map(([k, v]) => Math.abs((actual.get(k) ?? 0) - v)))
const extra = [...actual.keys()].filter((k) => !expected.has(k) && actual.get(k) !== 0)
console.log(JSON.stringify({ series: expected.size, differing: differences.length, maxAbsDiff, unexpectedSeries: extra.length, differences: differences.slice(0, 20), extra: extra.slice(0, 10) }))
process.exitCode = differences.length === 0 && extra.length === 0 ? 0 : 1
