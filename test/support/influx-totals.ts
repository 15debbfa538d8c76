import type { SimulationReport } from '@millstream/simulator'
import { expect } from 'vitest'
import { sumsBy } from './influx.ts'

const HOUR_MS = 3_600_000
const MEDIUM_FIELD: Record<string, string> = { electricity: 'electricity_kwh', steam: 'steam_t', water: 'water_m3', gas: 'gas_nm3' }

/** Per device key and series (`count`, `energy:<medium>`, `process:<gauge>` readings), what InfluxDB's minute points add up to. */
async function influxTotals(bucket: string, fromMs: number, toMs: number): Promise<Map<string, number>> {
  const rows = await sumsBy(bucket, {
    measurements: ['machine_minute', 'meter_minute', 'process_minute'],
    fields: ['produced_qty', 'count', ...Object.values(MEDIUM_FIELD)],
    by: ['_measurement', 'firm', 'plant', 'line', 'machine', 'meter', 'device', 'gauge'],
    startMs: fromMs,
    stopMs: toMs,
  })
  const totals = new Map<string, number>()
  for (const r of rows) {
    const device = String(r.machine || r.meter || r.device || '')
    const field = String(r._field)
    const series = field === 'count' ? `process:${String(r.gauge)}` : field === 'produced_qty' ? 'count' : `energy:${Object.keys(MEDIUM_FIELD).find((m) => MEDIUM_FIELD[m] === field)}`
    totals.set(`${String(r.firm)}/${String(r.plant)}/${String(r.line)}/${device} ${series}`, Number(r._value))
  }
  return totals
}

function expectedTotals(report: SimulationReport): Map<string, number> {
  // Register faults are excluded from these by the simulator's own reconciliation (excludedIntervals).
  const totals = new Map<string, number>()
  for (const [device, d] of Object.entries(report.devices)) {
    for (const [series, value] of Object.entries(d.expectedIncrements)) totals.set(`${device} ${series}`, value)
    // Process readings (issue 16): each acknowledged, non-late reading counted once in process_minute.
    for (const [gauge, readings] of Object.entries(d.processReadings ?? {})) totals.set(`${device} process:${gauge}`, readings)
  }
  return totals
}

/**
 * Waits until InfluxDB's totals match the report's (or the deadline), and returns the mismatches.
 * Sums over the whole simulated span (the report's `fromMs` to `toMs`, an hour either side for
 * late and early readings): a window shorter than the run reads as lost data.
 */
export async function totalsMismatches(bucket: string, report: SimulationReport): Promise<string[]> {
  const expected = expectedTotals(report)
  expect(expected.size).toBeGreaterThan(10)
  const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b))
  const deadline = Date.now() + 150_000
  let actual = new Map<string, number>()
  for (;;) {
    actual = await influxTotals(bucket, report.fromMs - HOUR_MS, report.toMs + HOUR_MS)
    if ([...expected].every(([k, v]) => close(actual.get(k), v)) || Date.now() > deadline) break
    await new Promise((r) => setTimeout(r, 2000))
  }
  return [...expected].filter(([k, v]) => !close(actual.get(k), v)).map(([k, v]) => `${k}: expected ${v}, InfluxDB ${actual.get(k)}`)
}

