import type { TelemetryAnomalyRecord } from '@millstream/contract'
import { DEFAULT_CHAOS } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { startTestIngest } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, sumField } from '../support/influx.ts'
import { totalsMismatches } from '../support/influx-totals.ts'
import { consumeFrom } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000

// Each encoding the simulator speaks: v1 messages, contract v1.1 batch messages (which reach the
// aggregator as device batch records, issue 16), and Sparkplug B through ingest's host application.
describe.each(['v1', 'batch', 'sparkplug'] as const)('simulator through ingest and the aggregator into InfluxDB, encoding %s', (encoding) => {
  it('adds up, per machine and meter, to exactly the production and energy the simulator reports', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.telemetry')
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq`, ...(encoding === 'sparkplug' ? { INGEST_SPARKPLUG: 'true' } : {}) })
    const aggregator = await startTestAggregator(aggregatorRun(topic, bucket), { LOG_LEVEL: 'error' })
    try {
      const fromMs = Math.floor((Date.now() - 60 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      // Duplicates, reordering within the lateness, resets and gaps must all come out right.
      const report = await simulateTestPlant({ seed: 23, fromMs, hours: 2, encoding, chaos: { ...DEFAULT_CHAOS, duplicate: 0.02, outOfOrder: 0.01, late: 0, bad: 0.005, gapPerDeviceH: 0.2, resetPerDeviceH: 0.2, discontinuityPerDeviceH: 0 } })
      expect(report.totals.failed).toBe(0)
      expect(report.injected.resets + report.injected.duplicates).toBeGreaterThan(5)
      // The readings came the way asked: on the Sparkplug host's connection (births on top), on v1's,
      // or as batch messages of several samples each.
      const received = encoding === 'sparkplug' ? ingest.sparkplugSource?.stats.received : ingest.source.stats.received
      if (encoding === 'batch') expect(received).toBeLessThan(report.totals.acked / 2)
      else expect(received).toBeGreaterThanOrEqual(report.totals.acked)
      expect(await totalsMismatches(bucket, report)).toEqual([])
    } finally {
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 300_000)
})

describe('simulator through ingest and the aggregator into InfluxDB', () => {
  it('excludes every register discontinuity, reports each with its reason, and still adds up to the simulator (issue 9)', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.telemetry')
    const run = aggregatorRun(topic, bucket)
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    // The simulated period is two months back: once the partitions are quiet the clock finalizes
    // their last minutes, which is when their anomaly records are sent.
    const aggregator = await startTestAggregator(run, { LOG_LEVEL: 'error', AGG_IDLE_FINALIZE: '20s' })
    try {
      const fromMs = Math.floor((Date.now() - 60 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      const report = await simulateTestPlant({ seed: 29, fromMs, hours: 2, chaos: { ...DEFAULT_CHAOS, duplicate: 0.02, outOfOrder: 0.01, late: 0, bad: 0, gapPerDeviceH: 0.2, resetPerDeviceH: 0.2, discontinuityPerDeviceH: 1.5 } })
      expect(report.totals.failed).toBe(0)
      expect(new Set(report.discontinuities.map((d) => d.fault))).toEqual(new Set(['rewind', 'meter_replaced', 'spike']))
      expect(await totalsMismatches(bucket, report)).toEqual([])

      // Every interval the simulator says a correct pipeline excludes is on the anomaly topic, with that reason, once.
      const registerOf = (series: string) => (series === 'count' ? 'count.total' : series.slice('energy:'.length))
      const expected = report.excludedIntervals.map((e) => `${e.device} ${registerOf(e.series)} ${e.prev.ts}-${e.next.ts} ${e.reason}`).sort()
      const records = await consumeFrom<TelemetryAnomalyRecord>(run.anomaly, [], {
        until: (rs) => rs.filter((r) => 'register' in r.value && r.value.register !== 'count.good').length >= expected.length,
        timeoutMs: 120_000,
        settleMs: 5_000,
      })
      // Process readings out of range share the topic (issue 16): their records have no register.
      const reported = records.map((r) => r.value).filter((a) => 'register' in a)
      const key = (a: TelemetryAnomalyRecord) => `${a.firm}/${a.plant}/${a.line}/${a.device} ${a.register} ${a.prev.ts}-${a.next.ts} ${a.reason}`
      expect(reported.filter((a) => a.register !== 'count.good').map(key).sort()).toEqual(expected)
      // The good register moves with the total: its excluded intervals are among the total's.
      const totalIntervals = new Set(reported.filter((a) => a.register === 'count.total').map((a) => `${a.device} ${a.prev.ts}-${a.next.ts}`))
      for (const g of reported.filter((a) => a.register === 'count.good')) expect(totalIntervals.has(`${g.device} ${g.prev.ts}-${g.next.ts}`)).toBe(true)
      // And counted in device_intake_minute.discontinuities, one per excluded interval.
      expect(await sumField(bucket, 'device_intake_minute', 'discontinuities', fromMs - HOUR_MS, fromMs + 4 * HOUR_MS)).toBe(reported.length)
    } finally {
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 400_000)
})
