import { KAFKA_TOPICS, liveMinuteSchema, type DeadLetterRecord, type LiveMinute } from '@millstream/contract'
import { localDays } from '@millstream/store'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, aggregatorTestScope, createTopic, produceRecords, startTestAggregator } from '../support/aggregator.ts'
import { asDeviceBatches } from '../support/device-batches.ts'
import { createTestBucket } from '../support/influx.ts'
import { consumeFrom } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { TEST_PLANT, testStore } from '../support/store.ts'
import { expectDayMatches, expectProcessDay, waitForDay } from './day-check.ts'
import { plantDay } from './plant-day.ts'

const scope = aggregatorTestScope()

// The same samples as v1 records, and grouped as ingest writes a gateway's batches or a Sparkplug
// DDATA of several metrics: device batch records (issue 16), here of up to 6 samples of a device.
describe.each(['v1', 'batch'] as const)('aggregator on a scripted plant day, records %s', (encoding) => {
  it('writes exactly the minute, stop and hour values worked out from the script', async () => {
    const dayStartMs = Date.parse('2025-04-07T00:00:00+08:00')
    const { records, expected } = plantDay(dayStartMs)
    const input = uniqueName('agg-day')
    await createTopic(input, 3)
    const produced = encoding === 'batch' ? asDeviceBatches(records, 6) : records
    if (encoding === 'batch') expect(produced.length).toBeLessThan(records.length / 4)
    // A produce request stays under Kafka's 1 MiB: batch records are about six times larger.
    await produceRecords(input, produced, { chunk: encoding === 'batch' ? 800 : 5000 })
    const bucket = await createTestBucket()
    scope.buckets.push(bucket)
    const run = aggregatorRun(input, bucket)
    scope.aggregator = await startTestAggregator(run)
    // Whatever else lands on the machine-hours topic, in the plant's own partition, is skipped with
    // a reason and never stops the roll-up stage: not JSON, not the schema, a plant outside the registry.
    const plantKey = `${TEST_PLANT.firm}/${TEST_PLANT.plant}`
    await produceRecords(run.machineHours, [
      { key: plantKey, value: '{"v":1,' },
      { key: plantKey, value: JSON.stringify({ v: 2, firm: TEST_PLANT.firm }) },
      { key: plantKey, value: JSON.stringify({ v: 1, firm: 'stray-firm', plant: 'stray-plant', hourStartMs: dayStartMs }) },
    ])
    await waitForDay(bucket, dayStartMs)
    const metrics = await fetch(`http://127.0.0.1:${scope.aggregator.opsPort}/metrics`).then((r) => r.text())
    expect(metrics).toMatch(/^millstream_aggregator_rollup_skipped_total\{reason="malformed"\} 2$/m)
    expect(metrics).toMatch(/^millstream_aggregator_rollup_skipped_total\{reason="unknown_plant"\} 1$/m)
    await expectDayMatches(bucket, dayStartMs, expected)
    await expectProcessDay(bucket, dayStartMs, expected.process)

    // The store's line OEE over the local day: sums of the elements, worked out by hand here.
    const minutes = [...(expected.minutes.get('loom-01')?.values() ?? []), ...(expected.minutes.get('loom-02')?.values() ?? [])]
    const sum = (field: string) => minutes.reduce((n, f) => n + (f[field] as number), 0)
    const pbt = sum('apt_s') + sum('asut_s') + sum('adet_s') + sum('adot_s')
    const quality = sum('ideal_good_s') / sum('ideal_inspected_s')
    const day = { ...TEST_PLANT, range: localDays('2025-04-07', '2025-04-07', TEST_PLANT.timeZone) }
    expect(day.range.startMs).toBe(dayStartMs)
    const [line] = await testStore(bucket).efficiency({ ...day, by: ['line'] })
    expect(line?.group).toEqual({ line: 'weaving' })
    expect(line?.values.elements.aptMs).toBeCloseTo(sum('apt_s') * 1000, 6)
    expect(line?.values.kpis.pbtMs).toBeCloseTo(pbt * 1000, 6)
    expect(line?.values.kpis.oee).toBeCloseTo((sum('credited_ideal_s') * quality) / pbt, 12)
    expect(line?.values.kpis.availability).toBeCloseTo(sum('apt_s') / pbt, 12)
    expect(line?.values.kpis.stopCount).toBe(sum('stops'))
    // The plant from minutes alone (no hour rollup read) gives the same OEE.
    const [fromMinutes] = await testStore(bucket, { hourLagMs: Number.POSITIVE_INFINITY }).efficiency(day)
    expect(fromMinutes?.values.kpis.oee).toBeCloseTo(line?.values.kpis.oee as number, 9)

    // The live topic carries each minute; the last record of a minute holds its InfluxDB values.
    const live = await consumeFrom<unknown>(run.live, [], { until: (rs) => rs.length >= 3 * 1440, timeoutMs: 60_000, settleMs: 1_000 })
    const last = new Map<string, LiveMinute['fields']>()
    for (const r of live) {
      const m = liveMinuteSchema.parse(r.value)
      last.set(`${m.device} ${m.minuteStartMs}`, m.fields)
    }
    const probe = dayStartMs + 9 * 3600_000 + 10 * 60_000 // 09:10, the warp break
    expect(last.get(`loom-01 ${probe}`)).toMatchObject(expected.minutes.get('loom-01')?.get(probe) ?? { missing: 1 })
    // Nothing of the script is late: no dead letters.
    const dead = await consumeFrom<DeadLetterRecord>(run.dlq, [], { until: () => false, timeoutMs: 1_000, settleMs: 0 })
    expect(dead).toEqual([])
    expect(KAFKA_TOPICS.telemetry).not.toBe(run.input)
  }, 300_000)
})
