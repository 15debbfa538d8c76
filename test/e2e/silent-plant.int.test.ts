import { flux } from '@influxdata/influxdb-client'
import { NO_CHAOS } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { startTestIngest } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, queryRows, sumsBy } from '../support/influx.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000
const FIELD_OF: Record<string, string> = { count: 'produced_qty', 'energy:electricity': 'electricity_kwh', 'energy:steam': 'steam_t', 'energy:water': 'water_m3', 'energy:gas': 'gas_nm3' }

/**
 * Issue 9: finality used to be event-driven only, so when a whole partition fell silent (the plant
 * powered down, its gateway offline) its last minutes and the hour rollup of its last hour stayed
 * open until traffic resumed, and a daily report read from hour rollups missed that hour.
 */
describe('a plant that goes completely silent at 22:00', () => {
  it('has its day complete in the hour rollups: every hour final with 60 minutes, adding up to the simulator', async () => {
    const bucket = await createTestBucket('silent')
    const topic = uniqueName('silent.telemetry')
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    // Silent horizon 1 h: the machines show `unknown` 22:00-23:00, then nothing. The simulated day
    // is two months back, so once the partitions are quiet for AGG_IDLE_FINALIZE the wall clock
    // is far past their grace and everything becomes final.
    const aggregator = await startTestAggregator(aggregatorRun(topic, bucket), { LOG_LEVEL: 'error', AGG_SILENT_HORIZON: '1h', AGG_IDLE_FINALIZE: '15s' })
    try {
      const day = new Date(Date.now() - 60 * 24 * HOUR_MS).toISOString().slice(0, 10)
      const silentAtMs = Date.parse(`${day}T22:00:00+08:00`)
      const report = await simulateTestPlant({ seed: 31, fromMs: silentAtMs - 2 * HOUR_MS, hours: 2, chaos: NO_CHAOS })
      expect(report.totals.failed).toBe(0)
      const dayStartMs = Date.parse(`${day}T00:00:00+08:00`)
      const dayStopMs = silentAtMs + 2 * HOUR_MS

      const hours = async () =>
        queryRows(flux`
          from(bucket: ${bucket})
            |> range(start: ${new Date(dayStartMs)}, stop: ${new Date(dayStopMs)})
            |> filter(fn: (r) => (r._measurement == "machine_hour" or r._measurement == "meter_hour") and r._field == "minutes")
            |> group(columns: ["machine", "meter", "_time"])`)
      const deadline = Date.now() + 180_000
      let rows = await hours()
      // 20:00, 21:00 and the silent 22:00 hour, for each of the plant's 12 machines and meters.
      while (!(rows.length === 3 * 12 && rows.every((r) => Number(r._value) === 60)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 2000))
        rows = await hours()
      }
      expect(rows.filter((r) => Number(r._value) !== 60).map((r) => `${String(r.machine || r.meter)} ${String(r._time)}: ${String(r._value)} minutes`)).toEqual([])
      expect(new Set(rows.map((r) => String(r._time))).size).toBe(3)
      expect(rows).toHaveLength(3 * 12)

      // The daily figures from the hour rollups equal the simulator's totals, device by device.
      const daily = await sumsBy(bucket, { measurements: ['machine_hour', 'meter_hour'], fields: Object.values(FIELD_OF), by: ['line', 'machine', 'meter'], startMs: dayStartMs, stopMs: dayStopMs })
      const actual = new Map(daily.map((r) => [`${String(r.line)}/${String(r.machine || r.meter)} ${String(r._field)}`, Number(r._value)]))
      const mismatches: string[] = []
      for (const [device, d] of Object.entries(report.devices)) {
        for (const [series, value] of Object.entries(d.expectedIncrements)) {
          const key = `${device.split('/').slice(2).join('/')} ${FIELD_OF[series]}`
          if (Math.abs((actual.get(key) ?? Number.NaN) - value) > 1e-6 * Math.max(1, value)) mismatches.push(`${key}: expected ${value}, hours ${actual.get(key)}`)
        }
      }
      expect(mismatches).toEqual([])
    } finally {
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 400_000)
})
