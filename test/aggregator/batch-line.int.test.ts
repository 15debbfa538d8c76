import { describe, expect, it } from 'vitest'
import { aggregatorRun, aggregatorTestScope, createTopic, produceRecords, startTestAggregator, waitUntil, type KeyedRecord } from '../support/aggregator.ts'
import { batchDyer, DYER } from '../support/batch-dyer.ts'
import { createTestBucket, sumField } from '../support/influx.ts'
import { uniqueName } from '../support/servers.ts'
import { TEST_PLANT, testStore } from '../support/store.ts'

const scope = aggregatorTestScope()

const HOUR = 3_600_000
// 2025-04-08 in Asia/Shanghai, the test plant's time zone (shifts around the clock).
const T0 = Date.parse('2025-04-08T00:00:00+08:00')

/**
 * A jet dyer's day through Kafka, the aggregator and InfluxDB, read by the store (docs/metrics.md
 * §4.3): performance over the batches that ended, absent (with the reason) in hours when none did,
 * and the batch carry surviving a restart of the aggregator in the middle of a batch.
 */
describe('a batch line through the pipeline', () => {
  it('shows the jet dyer at P 0.88 over its batches, no P in hours without a batch end, across a restart mid-batch', async () => {
    const { records, ends } = batchDyer(T0, 22)
    const keyed: KeyedRecord[] = records.map((r) => ({ key: r.key, value: JSON.stringify({ v: 1, firm: 'test-firm', plant: 'test-plant', receivedAt: r.ts, ...r.body }) }))
    // The second batch runs from about 5.6 h to 12.5 h: stop the aggregator at 9 h, inside it.
    const cut = records.findIndex((r) => r.ts >= T0 + 9 * HOUR)
    const input = uniqueName('agg-batch')
    await createTopic(input, 1)
    const bucket = await createTestBucket()
    scope.buckets.push(bucket)
    const run = aggregatorRun(input, bucket)
    await produceRecords(input, keyed.slice(0, cut))
    scope.aggregator = await startTestAggregator(run)
    await waitUntil('8 h of the dyer final', async () => (await sumField(bucket, 'machine_hour', 'minutes', T0, T0 + 8 * HOUR)) === 8 * 60, 60_000, 500)
    await scope.aggregator.stop()
    await produceRecords(input, keyed.slice(cut))
    scope.aggregator = await startTestAggregator(run)
    await waitUntil('21 h of the dyer final', async () => (await sumField(bucket, 'machine_hour', 'minutes', T0, T0 + 21 * HOUR)) === 21 * 60, 60_000, 500)

    const store = testStore(bucket, { hourLagMs: Number.POSITIVE_INFINITY })
    const day = { ...TEST_PLANT, line: DYER.line, range: { startMs: T0, endMs: T0 + 21 * HOUR } }
    expect(ends.filter((e) => e < day.range.endMs)).toHaveLength(3)
    const [line] = await store.efficiency({ ...day, by: ['line'] })
    // The first batch began before the data: produced, not credited; the next two carry their run time.
    expect(line?.values.elements.creditedIdealMs).toBeCloseTo((2 * DYER.batchQty * 60_000) / DYER.idealRatePerMin, 0)
    expect(line?.values.kpis.effectiveness).toBeCloseTo(DYER.speed, 2)
    expect(line?.values.kpis.oee).toBeCloseTo((line?.values.kpis.availability as number) * (line?.values.kpis.effectiveness as number), 12)
    // 01:00-02:00: running all hour, no batch ended: availability 1, no performance and no OEE, with the reason.
    const [hour] = await store.efficiency({ ...day, range: { startMs: T0 + HOUR, endMs: T0 + 2 * HOUR } })
    expect(hour?.values.kpis).toMatchObject({ availability: 1, effectiveness: null, oee: null, effectivenessGap: 'no_batch_ended' })
    // The hour of the first batch end: its run time is unknown, so it is left out rather than made up.
    const firstEndHour = Math.floor(((ends[0] as number) - T0) / HOUR) * HOUR + T0
    const [unknown] = await store.efficiency({ ...day, range: { startMs: firstEndHour, endMs: firstEndHour + HOUR } })
    expect(unknown?.values.kpis).toMatchObject({ effectiveness: null, effectivenessGap: 'batch_time_unknown' })
    // The data-quality view says one batch was left out of performance.
    const [quality] = await store.intake({ ...day, by: ['device'] })
    expect(quality?.values.uncreditedBatches).toBe(1)
    // Hours and minutes hold the same sums: the day read from machine hours gives the same P.
    const fromHours = await testStore(bucket, { hourLagMs: 0, lineRollups: false }).efficiency({ ...day, by: ['line'] })
    expect(fromHours[0]?.values.kpis.effectiveness).toBeCloseTo(line?.values.kpis.effectiveness as number, 9)
  }, 150_000)
})
