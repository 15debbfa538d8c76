import { DEFAULT_CHAOS, type SimulationReport } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { startTestIngest } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, queryRows } from '../support/influx.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000
const MEDIUM_FIELD: Record<string, string> = { electricity: 'electricity_kwh', steam: 'steam_t', water: 'water_m3', gas: 'gas_nm3' }

/** Per device key and series (`count`, `energy:<medium>`), what InfluxDB's minute points add up to. */
async function influxTotals(bucket: string, fromMs: number, toMs: number): Promise<Map<string, number>> {
  const rows = await queryRows(`
    from(bucket: "${bucket}")
      |> range(start: ${new Date(fromMs).toISOString()}, stop: ${new Date(toMs).toISOString()})
      |> filter(fn: (r) => (r._measurement == "machine_minute" or r._measurement == "meter_minute") and
                           (r._field == "produced_qty" or r._field == "electricity_kwh" or r._field == "steam_t" or r._field == "water_m3" or r._field == "gas_nm3"))
      |> group(columns: ["_measurement", "_field", "firm", "plant", "line", "machine", "meter"])
      |> sum()`)
  const totals = new Map<string, number>()
  for (const r of rows) {
    const device = String(r.machine || r.meter || '')
    const field = String(r._field)
    const series = field === 'produced_qty' ? 'count' : `energy:${Object.keys(MEDIUM_FIELD).find((m) => MEDIUM_FIELD[m] === field)}`
    totals.set(`${String(r.firm)}/${String(r.plant)}/${String(r.line)}/${device} ${series}`, Number(r._value))
  }
  return totals
}

function expectedTotals(report: SimulationReport): Map<string, number> {
  const totals = new Map<string, number>()
  for (const [device, d] of Object.entries(report.devices)) for (const [series, value] of Object.entries(d.expectedIncrements)) totals.set(`${device} ${series}`, value)
  return totals
}

describe('simulator through ingest and the aggregator into InfluxDB', () => {
  it('adds up, per machine and meter, to exactly the production and energy the simulator reports', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.telemetry')
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    const aggregator = await startTestAggregator(aggregatorRun(topic, bucket), { LOG_LEVEL: 'error' })
    try {
      const fromMs = Math.floor((Date.now() - 60 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      // Duplicates, reordering within the lateness, resets and gaps must all come out right.
      const report = await simulateTestPlant({ seed: 23, fromMs, hours: 2, chaos: { ...DEFAULT_CHAOS, duplicate: 0.02, outOfOrder: 0.01, late: 0, bad: 0.005, gapPerDeviceH: 0.2, resetPerDeviceH: 0.2 } })
      expect(report.totals.failed).toBe(0)
      expect(report.injected.resets + report.injected.duplicates).toBeGreaterThan(5)
      const expected = expectedTotals(report)
      expect(expected.size).toBeGreaterThan(10)

      const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b))
      const deadline = Date.now() + 150_000
      let actual = new Map<string, number>()
      for (;;) {
        actual = await influxTotals(bucket, fromMs - HOUR_MS, fromMs + 4 * HOUR_MS)
        if ([...expected].every(([k, v]) => close(actual.get(k), v)) || Date.now() > deadline) break
        await new Promise((r) => setTimeout(r, 2000))
      }
      const mismatches = [...expected].filter(([k, v]) => !close(actual.get(k), v)).map(([k, v]) => `${k}: expected ${v}, InfluxDB ${actual.get(k)}`)
      expect(mismatches).toEqual([])
    } finally {
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 300_000)
})
