import type { DeadLetterRecord, ProcessOutOfRangeRecord } from '@millstream/contract'
import { NO_CHAOS } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { startTestApi } from '../api/api-support.ts'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, sumField } from '../support/influx.ts'
import { totalsMismatches } from '../support/influx-totals.ts'
import { consumeFrom } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000
const HALL = 'test-firm/test-plant/spinning/hall-sensor-01'
type Row = { group: Record<string, string>; from: string; values: { count: number; min: number; mean: number; max: number } }

// Issue 16: gauges from MQTT through ingest and the aggregator into InfluxDB, and out through the API.
describe('process gauges through ingest, the aggregator, InfluxDB and the API', () => {
  it('counts every reading once per gauge, reports each out-of-range reading once, and serves both to the firm only', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.process')
    const run = aggregatorRun(topic, bucket)
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    // The simulated hours are a month back: once the partitions are quiet the clock finalizes their last minutes.
    const aggregator = await startTestAggregator(run, { LOG_LEVEL: 'error', AGG_IDLE_FINALIZE: '20s' })
    const api = await startTestApi({ bucket })
    try {
      const fromMs = Math.floor((Date.now() - 30 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      const report = await simulateTestPlant({ seed: 31, fromMs, hours: 2, chaos: { ...NO_CHAOS, duplicate: 0.02, outOfOrder: 0.01, outOfRange: 0.01 } })
      expect(report.totals.failed).toBe(0)
      expect(report.devices[HALL]?.processReadings).toEqual({ humidity: expect.any(Number), temperature: expect.any(Number) })
      expect(report.devices['test-firm/test-plant/dyeing/jd-01']?.processReadings?.liquor_temp).toBeGreaterThan(0)
      // Every acknowledged reading of every gauge, and every machine and meter total, once (duplicates and reordering included).
      expect(await totalsMismatches(bucket, report)).toEqual([])

      // A gauge the hall sensor does not declare is dead-lettered by ingest.
      const ts = fromMs + 3 * HOUR_MS
      expect(await publishAll([{ topic: `mill/v1/${HALL}/process`, payload: JSON.stringify({ ts, values: { humidity: 50, co2_ppm: 420 } }) }], { username: TEST_PLANT_USER, connections: 1 })).toMatchObject({ acked: 1 })
      const dead = await consumeFrom<DeadLetterRecord>(`${topic}.dlq`, [], { until: (rs) => rs.some((r) => r.value.reason === 'unknown_gauge'), timeoutMs: 30_000, settleMs: 200 })
      expect(dead.filter((r) => r.value.reason === 'unknown_gauge').map((r) => r.value.message)).toEqual([expect.stringMatching(/co2_ppm/)])

      // Out-of-range readings: once each on the anomaly topic, as many as the minutes count and as event points.
      const outOfRange = async () => sumField(bucket, 'process_minute', 'out_of_range', fromMs - HOUR_MS, fromMs + 4 * HOUR_MS)
      const expectedEvents = await outOfRange()
      expect(expectedEvents).toBeGreaterThan(0)
      const events = (await consumeFrom<ProcessOutOfRangeRecord>(run.anomaly, [], { until: (rs) => rs.length >= expectedEvents, timeoutMs: 120_000, settleMs: 5_000 })).map((r) => r.value)
      expect(events.filter((e) => e.reason === 'out_of_range')).toHaveLength(expectedEvents)
      expect(new Set(events.map((e) => `${e.device}/${e.gauge}@${e.ts}`)).size).toBe(expectedEvents)
      for (const e of events) expect(e.value < e.min || e.value > e.max, JSON.stringify(e)).toBe(true)

      // The API: the firm's own plant, per gauge; the same readings as InfluxDB's minutes.
      // Local dates (Asia/Shanghai, UTC+8) covering the two simulated hours and the probe after them.
      const days = `from=${new Date(fromMs + 8 * HOUR_MS).toISOString().slice(0, 10)}&to=${new Date(fromMs + 12 * HOUR_MS).toISOString().slice(0, 10)}`
      const token = await api.tokenOf('plant_manager')
      const series = await api.get(`/v1/firms/test-firm/plants/test-plant/process/series?${days}&device=hall-sensor-01&points=2000`, token)
      expect(series.status, series.text).toBe(200)
      const rows = (series.body as { rows: Row[] }).rows
      const readings = (gauge: string) => rows.filter((r) => r.group.gauge === gauge).reduce((n, r) => n + r.values.count, 0)
      expect(readings('humidity')).toBe(report.devices[HALL]?.processReadings?.humidity)
      expect(readings('temperature')).toBe(report.devices[HALL]?.processReadings?.temperature)
      for (const r of rows) expect(r.values.min <= r.values.mean && r.values.mean <= r.values.max, JSON.stringify(r)).toBe(true)
      expect(rows.find((r) => r.group.gauge === 'humidity')?.group).toEqual({ line: 'spinning', device: 'hall-sensor-01', kind: 'sensor', gauge: 'humidity', unit: '%RH' })
      // Hourly buckets from process_hour add up to the same readings.
      const hourly = await api.get(`/v1/firms/test-firm/plants/test-plant/process/series?${days}&gauge=humidity&points=24`, token)
      expect((hourly.body as { rows: Row[] }).rows.filter((r) => r.group.device === 'hall-sensor-01').reduce((n, r) => n + r.values.count, 0)).toBe(readings('humidity'))
      const listed = await api.get(`/v1/firms/test-firm/plants/test-plant/process/events?${days}`, token)
      expect(listed.status).toBe(200)
      expect((listed.body as { rows: Row[] }).rows.length).toBe(new Set(events.map((e) => `${e.device}/${e.gauge}@${Math.floor(e.ts / 1000)}`)).size)
      // Another firm's token never reads them.
      const other = await api.get(`/v1/firms/other-firm/plants/other-test-plant/process/series?${days}`, token)
      expect(other.status).toBe(403)
    } finally {
      await api.stop()
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 400_000)
})
