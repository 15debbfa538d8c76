import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, produceRecords, startTestAggregator } from '../support/aggregator.ts'
import { asDeviceBatches } from '../support/device-batches.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import type { ServiceProcess } from '../support/process.ts'
import { expectDayMatches, expectProcessDay, waitForDay } from './day-check.ts'
import { committedDeadLetters, expectSameDay, faultStream, freshInput, spawnAggregator } from './fault-stream.ts'

let reference: Aggregator | undefined
let child: ServiceProcess | undefined
const buckets: string[] = []
afterEach(async () => {
  await child?.kill('SIGKILL')
  await reference?.stop()
  child = undefined
  reference = undefined
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

// v1 records, and the same samples as device batch records of up to 6 samples (issue 16): a
// kill inside a batch record's samples must neither lose nor double count any of them.
describe.each(['v1', 'batch'] as const)('aggregator killed with SIGKILL, records %s', (encoding) => {
  it('leaves InfluxDB identical to an uninterrupted run after four kills at random points of a flowing stream', async () => {
    const dayStartMs = Date.parse('2025-04-21T00:00:00+08:00')
    const stream = faultStream(dayStartMs)
    const { expected, tooLate } = stream
    const records = encoding === 'batch' ? asDeviceBatches(stream.records, 6) : stream.records
    const input = await freshInput(4)
    const [refBucket, killedBucket] = [await createTestBucket(), await createTestBucket()]
    buckets.push(refBucket, killedBucket)
    const refRun = aggregatorRun(input, refBucket)
    const killedRun = aggregatorRun(input, killedBucket)
    reference = await startTestAggregator(refRun)
    child = await spawnAggregator(killedRun)

    // About 25 s of flowing input while the second instance is killed four times (batch records
    // hold about 5 samples each: smaller chunks keep the same flow).
    const producing = produceRecords(input, records, { chunk: encoding === 'batch' ? 120 : 600, pauseMs: 400 })
    const kills: number[] = []
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 2_000 + Math.random() * 3_000))
      kills.push(Date.now())
      await child.kill('SIGKILL')
      child = await spawnAggregator(killedRun)
    }
    await producing
    await Promise.all([waitForDay(refBucket, dayStartMs), waitForDay(killedBucket, dayStartMs)])
    await new Promise((r) => setTimeout(r, 3_000))
    await expectDayMatches(refBucket, dayStartMs, expected)
    await expectSameDay(refBucket, killedBucket, dayStartMs)
    await expectProcessDay(killedBucket, dayStartMs, expected.process)
    // Dead letters are committed with the state and offsets: each too-late sample exactly once.
    const [refDead, killedDead] = await Promise.all([committedDeadLetters(refRun, tooLate), committedDeadLetters(killedRun, tooLate)])
    expect(refDead).toHaveLength(tooLate)
    expect(killedDead).toEqual(refDead)
    console.log(`SIGKILL x${kills.length} during ${records.length} ${encoding} records: dumps identical, ${killedDead.length} dead letters exactly once`)
  }, 300_000)
})
