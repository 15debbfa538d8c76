import { KAFKA_TOPICS, type DeadLetterRecord } from '@millstream/contract'
import { liveMinuteSchema, type Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { consumeFrom } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { expectDayMatches, waitForDay } from './day-check.ts'
import { plantDay } from './plant-day.ts'

let aggregator: Aggregator | undefined
const buckets: string[] = []
afterEach(async () => {
  await aggregator?.stop()
  aggregator = undefined
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

describe('aggregator on a scripted plant day', () => {
  it('writes exactly the minute, stop and hour values worked out from the script', async () => {
    const dayStartMs = Date.parse('2025-04-07T00:00:00+08:00')
    const { records, expected } = plantDay(dayStartMs)
    const input = uniqueName('agg-day')
    await createTopic(input, 3)
    await produceRecords(input, records)
    const bucket = await createTestBucket()
    buckets.push(bucket)
    const run = aggregatorRun(input, bucket)
    aggregator = await startTestAggregator(run)
    await waitForDay(bucket, dayStartMs)
    await expectDayMatches(bucket, dayStartMs, expected)

    // The live topic carries each minute; the last record of a minute holds its InfluxDB values.
    const live = await consumeFrom<unknown>(run.live, [], { until: (rs) => rs.length >= 3 * 1440, timeoutMs: 60_000, settleMs: 1_000 })
    const last = new Map<string, Record<string, number>>()
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
  })
})
