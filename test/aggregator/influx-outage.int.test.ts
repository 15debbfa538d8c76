import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, produceRecords, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { serversCommand, type ServiceProcess } from '../support/process.ts'
import { servers } from '../support/servers.ts'
import { expectDayMatches, waitForDay } from './day-check.ts'
import { committedDeadLetters, expectSameDay, faultStream, freshInput, spawnAggregator } from './fault-stream.ts'

let child: (ServiceProcess & { port: number }) | undefined
let reference: Aggregator | undefined
const buckets: string[] = []
afterEach(async () => {
  await child?.kill('SIGTERM')
  await reference?.stop()
  child = undefined
  reference = undefined
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

const metric = async (port: number, name: string) => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
  return text.split('\n').filter((l) => l.startsWith(name)).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0)
}

describe('aggregator while InfluxDB is down', () => {
  it('pauses without committing, does not crash, resumes by itself and ends identical to an uninterrupted run', async () => {
    const script = servers().serversScript
    expect(script, 'fault tests stop the local InfluxDB through deploy/local/servers.sh').not.toBe('')
    const dayStartMs = Date.parse('2025-04-28T00:00:00+08:00')
    const { records, expected, tooLate } = faultStream(dayStartMs)
    const input = await freshInput(3)
    const bucket = await createTestBucket()
    buckets.push(bucket)
    const run = aggregatorRun(input, bucket)
    child = await spawnAggregator(run)
    const producing = produceRecords(input, records, { chunk: 600, pauseMs: 300 })
    await new Promise((r) => setTimeout(r, 4_000))
    let stepsWhileDown: number
    try {
      await serversCommand(script, 'down', 'influxdb')
      const stepsAtStop = await metric(child.port, 'millstream_aggregator_steps_total')
      await waitUntil('readiness to report InfluxDB', async () => (await fetch(`http://127.0.0.1:${child?.port}/readyz`)).status === 503, 30_000, 500)
      await new Promise((r) => setTimeout(r, 12_000))
      // Alive, retrying, committing nothing.
      expect(child.child.exitCode).toBeNull()
      expect(await metric(child.port, 'millstream_aggregator_influx_failures_total')).toBeGreaterThan(0)
      stepsWhileDown = (await metric(child.port, 'millstream_aggregator_steps_total')) - stepsAtStop
    } finally {
      await serversCommand(script, 'up', 'influxdb')
    }
    expect(stepsWhileDown).toBeLessThanOrEqual(1) // at most a step already past its write when InfluxDB stopped
    await producing
    await waitForDay(bucket, dayStartMs, 180_000)
    await waitUntil('readiness again', async () => (await fetch(`http://127.0.0.1:${child?.port}/readyz`)).status === 200, 30_000, 500)
    expect(child.child.exitCode).toBeNull()
    await expectDayMatches(bucket, dayStartMs, expected)

    // An uninterrupted run over the same topic, now that InfluxDB is up, gives the same dump.
    const refBucket = await createTestBucket()
    buckets.push(refBucket)
    const refRun = aggregatorRun(input, refBucket)
    reference = await startTestAggregator(refRun)
    await waitForDay(refBucket, dayStartMs)
    await expectSameDay(refBucket, bucket, dayStartMs)
    expect(await committedDeadLetters(run, tooLate)).toEqual(await committedDeadLetters(refRun, tooLate))
  }, 400_000)
})
