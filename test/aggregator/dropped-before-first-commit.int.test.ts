import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { countPoints, createTestBucket, deleteTestBucket, sumField } from '../support/influx.ts'
import { uniqueName } from '../support/servers.ts'
import { expectDayMatches, waitForDay } from './day-check.ts'
import { plantDay, STREAM_END_MS } from './plant-day.ts'

const running: Aggregator[] = []
const buckets: string[] = []
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop()
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

// The cluster fault run found 25 devices short in the stream's first minute: a broker SIGKILL
// failed the first transaction of two partitions, their tasks were dropped and restored with no
// state, and the consumer went on after the records of the aborted step (docs/scaling.md).
describe('aggregator, a step that fails before the partition was ever committed', () => {
  it('applies the records of the failed step again: the day adds up exactly', async () => {
    const dayStartMs = Date.parse('2025-04-16T00:00:00+08:00')
    const { records, expected } = plantDay(dayStartMs)
    const input = uniqueName('agg-first-step')
    await createTopic(input, 3)
    await produceRecords(input, records)
    const bucket = await createTestBucket()
    buckets.push(bucket)
    // Not an InfluxDB failure (those are retried in place): a failure the task is dropped for, as
    // a Kafka error is; one per partition, on each partition's first step.
    let failed = 0
    const aggregator = await startTestAggregator(aggregatorRun(input, bucket), {}, {
      wrapWriter: (writer) => ({
        write: async (lines) => {
          if (failed < 3) {
            failed += 1
            throw new Error('injected: the transaction fails before its first commit')
          }
          return writer.write(lines)
        },
      }),
    })
    running.push(aggregator)
    await waitForDay(bucket, dayStartMs)
    expect(failed).toBe(3)
    await expectDayMatches(bucket, dayStartMs, expected)
  }, 300_000)

  // The step that fails can be the partition's last: no record follows to bring the consumer back
  // to it. The minutes of the stream's last minutes close only by the clock (idle advance) once all
  // input was read, so failing the step that writes one fails a step after the last batch.
  it('opens a partition dropped after its last record again: its last minutes are written', async () => {
    const dayStartMs = Date.parse('2025-04-17T00:00:00+08:00')
    const { records } = plantDay(dayStartMs)
    const input = uniqueName('agg-last-step')
    await createTopic(input, 3)
    await produceRecords(input, records)
    const bucket = await createTestBucket()
    buckets.push(bucket)
    const lateMinuteS = String((dayStartMs + STREAM_END_MS - 2 * 60_000) / 1000)
    let failed = 0
    const aggregator = await startTestAggregator(aggregatorRun(input, bucket), {}, {
      wrapWriter: (writer) => ({
        write: async (lines) => {
          if (failed === 0 && lines.some((l) => l.startsWith('machine_minute,') && l.endsWith(` ${lateMinuteS}`))) {
            failed += 1
            throw new Error('injected: the step after the last record fails')
          }
          return writer.write(lines)
        },
      }),
    })
    running.push(aggregator)
    const from = Number(lateMinuteS) * 1000
    await waitUntil('both looms\' minute two minutes before the stream ends', async () => (await countPoints(bucket, 'machine_minute', 'running_s', from, from + 60_000)) === 2, 90_000)
    expect(failed).toBe(1)
    // Both looms run then (the script's last segment): applied once, not twice, after the seek back.
    expect(await sumField(bucket, 'machine_minute', 'running_s', from, from + 60_000)).toBe(120)
  }, 150_000)
})
