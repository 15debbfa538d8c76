import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, produceRecords, startTestAggregator } from '../support/aggregator.ts'
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

describe('aggregator killed with SIGKILL', () => {
  it('leaves InfluxDB identical to an uninterrupted run after four kills at random points of a flowing stream', async () => {
    const dayStartMs = Date.parse('2025-04-21T00:00:00+08:00')
    const { records, expected, tooLate } = faultStream(dayStartMs)
    const input = await freshInput(4)
    const [refBucket, killedBucket] = [await createTestBucket(), await createTestBucket()]
    buckets.push(refBucket, killedBucket)
    const refRun = aggregatorRun(input, refBucket)
    const killedRun = aggregatorRun(input, killedBucket)
    reference = await startTestAggregator(refRun)
    child = await spawnAggregator(killedRun)

    // About 25 s of flowing input while the second instance is killed four times.
    const producing = produceRecords(input, records, { chunk: 600, pauseMs: 400 })
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
    // Dead letters are committed with the state and offsets: each too-late record exactly once.
    const [refDead, killedDead] = await Promise.all([committedDeadLetters(refRun, tooLate), committedDeadLetters(killedRun, tooLate)])
    expect(refDead).toHaveLength(tooLate)
    expect(killedDead).toEqual(refDead)
    console.log(`SIGKILL x${kills.length} during ${records.length} records: dumps identical, ${killedDead.length} dead letters exactly once`)
  }, 300_000)
})
