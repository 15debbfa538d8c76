import type { DeadLetterRecord } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { startTestIngest } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, pivotedRows, sumField } from '../support/influx.ts'
import { consumeFrom, type ConsumedRecord } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { startTahuNode, testDeviceBirths } from '../support/sparkplug.ts'

const MIN = 60_000
const LOOM = 'test-firm/test-plant/weaving/loom-01'
/** 1/128 kWh per 20 s (1.4 kW, within the loom's rating): every sum exact. */
const KWH_PER_READING = 0.0078125

describe('a Sparkplug B DDATA of several metrics of one device, through ingest and the aggregator into InfluxDB (issue 16)', () => {
  it('counts every metric of each message: the loom\'s picks, energy and state by minute', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.sparkplug')
    const run = aggregatorRun(topic, bucket)
    const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_SPARKPLUG: 'true', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    const aggregator = await startTestAggregator(run, { LOG_LEVEL: 'error' })
    // Event times ten minutes back, on a minute edge: the minutes close as soon as the data is in.
    const baseMs = Math.floor(Date.now() / MIN) * MIN - 10 * MIN
    const tahu = startTahuNode({ births: () => testDeviceBirths(baseMs) })
    try {
      await tahu.born()
      // Every 20 s one message with picks, energy and state (alias only, as Tahu sends data after
      // its birth): running from the birth, down from 0:40 to 1:00, running again after.
      for (let i = 1; i <= 6; i++) {
        tahu.node.publishDeviceData('loom-01', {
          timestamp: baseMs + i * 20_000,
          metrics: [
            { alias: 2, type: 'UInt64', value: 1000 + i * 200 },
            { alias: 3, type: 'Double', value: 50.5 + i * KWH_PER_READING },
            { alias: 1, type: 'String', value: i === 2 ? 'down' : 'running' },
          ],
        })
      }
      const series = (stopMs: number) => sumField(bucket, 'machine_minute', 'produced_qty', baseMs, stopMs)
      await waitUntil('the loom\'s production in InfluxDB', async () => (await series(baseMs + 10 * MIN)) >= 1200, 90_000)

      // Each DDATA reached Kafka as one device batch record of its three samples (the birth's three
      // readings, at baseMs, are one more).
      const fromData = (rs: ConsumedRecord<{ samples?: { ts: number }[] }>[]) => rs.filter((r) => r.key === LOOM && r.value.samples?.length === 3 && r.value.samples.every((x) => x.ts > baseMs))
      const records = await consumeFrom<{ samples?: { ts: number }[] }>(topic, [], { until: (rs) => fromData(rs).length >= 6, timeoutMs: 30_000, settleMs: 500 })
      expect(fromData(records)).toHaveLength(6)

      const [first, second] = (await pivotedRows(bucket, 'machine_minute', baseMs, baseMs + 2 * MIN, ['machine'])).filter((r) => r.machine === 'loom-01')
      expect(first).toMatchObject({ running_s: 40, down_s: 20, produced_qty: 600, electricity_kwh: 3 * KWH_PER_READING })
      expect(second).toMatchObject({ running_s: 60, down_s: 0, produced_qty: 600, electricity_kwh: 3 * KWH_PER_READING })
      expect(await series(baseMs + 10 * MIN)).toBe(1200)
      const loomKwh = (await pivotedRows(bucket, 'machine_minute', baseMs, baseMs + 10 * MIN, ['machine'])).filter((r) => r.machine === 'loom-01').reduce((n, r) => n + Number(r.electricity_kwh ?? 0), 0)
      expect(loomKwh).toBe(6 * KWH_PER_READING)
      // Nothing refused on the way, by ingest or by the aggregator.
      const dead = await consumeFrom<DeadLetterRecord>(run.dlq, [], { until: () => false, timeoutMs: 1_000, settleMs: 0 })
      const ingestDead = await consumeFrom<DeadLetterRecord>(`${topic}.dlq`, [], { until: () => false, timeoutMs: 1_000, settleMs: 0 })
      expect([...dead, ...ingestDead].map((d) => d.value.reason)).toEqual([])
    } finally {
      tahu.stop()
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 180_000)
})
