import type { DeadLetterRecord } from '@millstream/contract'
import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator, type KeyedRecord } from '../support/aggregator.ts'
import { MEASUREMENTS } from '@millstream/contract'
import { createTestBucket, deleteTestBucket, fluxDump } from '../support/influx.ts'
import { consumeFrom } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { TEST_PLANT, testStore } from '../support/store.ts'
import { expectDayMatches, waitForDay } from './day-check.ts'
import { plantDay } from './plant-day.ts'

const running: Aggregator[] = []
const buckets: string[] = []
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop()
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

const DAY_MS = 24 * 3600 * 1000
const METRIC_MEASUREMENTS = Object.values(MEASUREMENTS).filter((m) => m !== MEASUREMENTS.intakeMinute)

/** Each record arrives up to `maxDelayMs` of event time late; `copyShare` of them twice. */
function shuffled(records: readonly KeyedRecord[], maxDelayMs: number, copyShare: number, seed: number): { records: KeyedRecord[]; copies: KeyedRecord[] } {
  let s = seed
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const copies: KeyedRecord[] = []
  const arrivals = records.flatMap((r) => {
    const ts = (JSON.parse(r.value) as { ts: number }).ts
    const out = [{ r, at: ts + rnd() * maxDelayMs }]
    if (rnd() < copyShare) {
      out.push({ r, at: ts + rnd() * maxDelayMs })
      copies.push(r)
    }
    return out
  })
  arrivals.sort((a, b) => a.at - b.at)
  return { records: arrivals.map((a) => a.r), copies }
}

async function runDay(records: readonly KeyedRecord[]) {
  const input = uniqueName('agg-late')
  await createTopic(input, 3)
  await produceRecords(input, records)
  const bucket = await createTestBucket()
  buckets.push(bucket)
  const run = aggregatorRun(input, bucket)
  running.push(await startTestAggregator(run))
  return run
}

describe('aggregator under late and duplicate data', () => {
  it('writes identical metrics for the day shuffled within the lateness and with copies, and dead-letters what is later', async () => {
    const dayStartMs = Date.parse('2025-04-14T00:00:00+08:00')
    const { records, expected } = plantDay(dayStartMs)
    const noisy = shuffled(records, 90_000, 0.05, 42)
    // One reading 10 minutes older than its device's newest event (lateness: 2 minutes).
    const tooLate = { key: 'test-firm/test-plant/weaving/loom-01', value: JSON.stringify({ v: 1, firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: 'loom-01', channel: 'state', state: 'down', reason: 'warp_break', ts: dayStartMs + DAY_MS + 10 * 60_000, receivedAt: 0 }) }
    const [ordered, late] = await Promise.all([runDay(records), runDay([...noisy.records, tooLate])])
    await Promise.all([waitForDay(ordered.bucket, dayStartMs), waitForDay(late.bucket, dayStartMs)])
    await expectDayMatches(late.bucket, dayStartMs, expected)
    const [a, b] = await Promise.all([fluxDump(ordered.bucket, dayStartMs, dayStartMs + DAY_MS, METRIC_MEASUREMENTS), fluxDump(late.bucket, dayStartMs, dayStartMs + DAY_MS, METRIC_MEASUREMENTS)])
    expect(a.length).toBeGreaterThan(70_000)
    expect(b).toEqual(a)

    // The intake diagnostics tell the runs apart: the same samples, the copies and late arrivals counted.
    const intake = async (bucket: string, field: 'samples' | 'duplicates' | 'lateSamples') => {
      const [plant] = await testStore(bucket).intake({ ...TEST_PLANT, range: { startMs: dayStartMs, endMs: dayStartMs + DAY_MS } })
      return plant?.values[field] ?? 0
    }
    // The hall sensor's copies are dropped in process_minute, not counted in device_intake_minute (docs/process-gauges.md).
    const copiesInDay = noisy.copies.filter((r) => {
      const v = JSON.parse(r.value) as { ts: number; channel: string }
      return v.ts < dayStartMs + DAY_MS && v.channel !== 'process'
    }).length
    expect(await intake(late.bucket, 'samples')).toBe(await intake(ordered.bucket, 'samples'))
    expect(await intake(late.bucket, 'duplicates')).toBe(copiesInDay)
    expect(await intake(ordered.bucket, 'duplicates')).toBe(0)
    expect(await intake(late.bucket, 'lateSamples')).toBeGreaterThan(1000)

    const dead = await consumeFrom<DeadLetterRecord>(late.dlq, [], { until: (rs) => rs.length >= 1, timeoutMs: 30_000, settleMs: 1_000 })
    expect(dead).toHaveLength(1)
    expect(dead[0]?.value).toMatchObject({ reason: 'too_late', key: tooLate.key, source: { stage: 'aggregator', topic: late.input } })
    expect(Buffer.from(dead[0]?.value.payloadBase64 ?? '', 'base64').toString()).toBe(tooLate.value)
  })
})
