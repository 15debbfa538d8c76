import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, produceRecords, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import type { ServiceProcess } from '../support/process.ts'
import { waitForDay } from './day-check.ts'
import { committedDeadLetters, expectSameDay, faultStream, freshInput, spawnAggregator } from './fault-stream.ts'

const children: ServiceProcess[] = []
let reference: Aggregator | undefined
const buckets: string[] = []
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill('SIGKILL')
  await reference?.stop()
  reference = undefined
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

const ownedPartitions = async (port: number) => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
  return Number(/^millstream_aggregator_partitions_owned (\d+)/m.exec(text)?.[1] ?? 0)
}

describe('aggregator scaled out', () => {
  it('splits the partitions between two instances and, when one is killed mid-stream, ends identical to a single uninterrupted run', async () => {
    const dayStartMs = Date.parse('2025-05-05T00:00:00+08:00')
    const { records, tooLate } = faultStream(dayStartMs)
    const input = await freshInput(6)
    const [refBucket, groupBucket] = [await createTestBucket(), await createTestBucket()]
    buckets.push(refBucket, groupBucket)
    const refRun = aggregatorRun(input, refBucket)
    const groupRun = aggregatorRun(input, groupBucket)
    reference = await startTestAggregator(refRun)
    const a = await spawnAggregator(groupRun)
    const b = await spawnAggregator(groupRun)
    children.push(a, b)
    await waitUntil('both instances to own partitions', async () => (await ownedPartitions(a.port)) > 0 && (await ownedPartitions(b.port)) > 0, 60_000, 500)
    expect((await ownedPartitions(a.port)) + (await ownedPartitions(b.port))).toBe(6)

    const producing = produceRecords(input, records, { chunk: 600, pauseMs: 400 })
    await new Promise((r) => setTimeout(r, 7_000))
    await a.kill('SIGKILL') // its partitions move to b after the session timeout (10 s here)
    await waitUntil('the survivor to own every partition', async () => (await ownedPartitions(b.port)) === 6, 90_000, 500)
    await producing
    await Promise.all([waitForDay(refBucket, dayStartMs), waitForDay(groupBucket, dayStartMs, 180_000)])
    await new Promise((r) => setTimeout(r, 3_000))
    await expectSameDay(refBucket, groupBucket, dayStartMs)
    expect(await committedDeadLetters(groupRun, tooLate)).toEqual(await committedDeadLetters(refRun, tooLate))
  }, 400_000)
})
