import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ConnectionLostRecord, DeadLetterRecord, ProcessOutOfRangeRecord, TelemetryAnomalyRecord } from '@millstream/contract'
import { asBatchMessages, createSinks, linesOf, MIN, newEngine, runUninterrupted, TEST_OPTIONS } from '../../test/engine-harness.ts'
import type { SourceMessage } from './dead-letter.ts'
import type { EngineOptions } from './engine-options.ts'
import type { PartitionEngine } from './partition-engine.ts'
import { prng, randomStream, shuffleWithin } from '../../test/random-stream.ts'

const START = Date.parse('2025-03-11T11:40:00+08:00') // across the 12:00 break and an hour edge
const END_PROGRESS = START + 200 * MIN
const withoutIntake = (influx: Map<string, string>) => new Map([...influx].filter(([key]) => !key.startsWith('device_intake_minute,')))

// 20 runs take about 15 s on an idle two-core box and over 60 s when other suites share it:
// the bound is for a hung run, not a speed requirement.
const PROPERTY_TIMEOUT_MS = 240_000

describe('aggregation is a function of the events', () => {
  it('gives the same metrics whatever the arrival order within the lateness and however often records repeat', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (streamSeed, shuffleSeed) => {
        const ordered = randomStream(streamSeed, START, 45)
        const noisy = shuffleWithin(ordered, shuffleSeed, TEST_OPTIONS.latenessMs - 1, 0.15)
        const a = runUninterrupted(ordered, END_PROGRESS)
        const b = runUninterrupted(noisy, END_PROGRESS)
        expect(b.deadLetters).toEqual([])
        expect(withoutIntake(b.influx)).toEqual(withoutIntake(a.influx))
        const sum = (influx: Map<string, string>, field: string) =>
          linesOf(influx, 'device_intake_minute').reduce((n, l) => n + Number(new RegExp(`${field}=(\\d+)i`).exec(l)?.[1] ?? 0), 0)
        expect(sum(b.influx, 'samples')).toBe(sum(a.influx, 'samples'))
        // Process readings have no intake tally (their minutes count them: process_minute count).
        const intake = (ms: typeof ordered) => ms.filter((m) => !String(m.value).includes('"channel":"process"')).length
        expect(sum(b.influx, 'duplicates')).toBe(intake(noisy) - intake(ordered))
        expect(linesOf(b.influx, 'process_minute').length).toBeGreaterThan(0)
      }),
      { numRuns: 20 },
    )
  }, PROPERTY_TIMEOUT_MS)

  it('leaves the same points after crashes at any offset, lost commits and any clock, as an uninterrupted run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(3, 60), (streamSeed, faultSeed, graceMin) => {
        // Up to 3 minutes late with 2 minutes allowed: some records are too late. A 3-minute
        // partition grace finalizes silent devices' minutes and rejects their late records too.
        const options = { ...TEST_OPTIONS, partitionGraceMs: graceMin * MIN }
        const input = shuffleWithin(randomStream(streamSeed, START, 45), streamSeed, 3 * MIN, 0.05)
        expectCrashesChangeNothing(input, faultSeed, options)
      }),
      { numRuns: 20 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

describe('aggregation of device batch records is a function of their samples (issue 16)', () => {
  it('gives exactly the points of the same samples as single records, intake included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 12 }), (streamSeed, shuffleSeed, size) => {
        const singles = shuffleWithin(randomStream(streamSeed, START, 45), shuffleSeed, TEST_OPTIONS.latenessMs - 1, 0.15)
        const batches = asBatchMessages(singles, size)
        expect(batches.length).toBeLessThan(singles.length)
        const a = runUninterrupted(singles, END_PROGRESS)
        const b = runUninterrupted(batches, END_PROGRESS)
        expect(b.deadLetters).toEqual([])
        expect(b.influx).toEqual(a.influx)
        // The same discontinuities; their order across devices follows when minutes became final.
        const sorted = (records: TelemetryAnomalyRecord[]) => records.map((r) => JSON.stringify(r)).sort()
        expect(sorted(b.anomalies)).toEqual(sorted(a.anomalies))
      }),
      { numRuns: 15 },
    )
  }, PROPERTY_TIMEOUT_MS)

  it('leaves the same points and dead letters after crashes at any record, lost commits and any clock, as an uninterrupted run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 12 }), (streamSeed, faultSeed, size) => {
        // 3-minute grace and records up to 3 minutes late: some samples inside batches are too late.
        const options = { ...TEST_OPTIONS, partitionGraceMs: 3 * MIN }
        const input = asBatchMessages(shuffleWithin(randomStream(streamSeed, START, 45), streamSeed, 3 * MIN, 0.05), size)
        expectCrashesChangeNothing(input, faultSeed, options)
      }),
      { numRuns: 15 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

/** A run with crashes leaves the points, dead letters and anomaly records of an uninterrupted run. */
function expectCrashesChangeNothing(input: readonly SourceMessage[], faultSeed: number, options: EngineOptions): void {
  const reference = runUninterrupted(input, END_PROGRESS, options)
  const faulty = runWithCrashes(input, faultSeed, options)
  expect(faulty.influx).toEqual(reference.influx)
  expect(faulty.deadLetters).toEqual(reference.deadLetters)
  // Register discontinuities (the ring frame's counter cannot make what the stream says) are
  // reported once each, whatever the crashes.
  expect(faulty.anomalies).toEqual(reference.anomalies)
  // So are the hall sensor's out-of-range readings (issue 16).
  expect(faulty.processEvents).toEqual(reference.processEvents)
  // And the reported losses of a machine's live state (issue 16).
  expect(faulty.connectionLosses).toEqual(reference.connectionLosses)
  expect(reference.influx.size).toBeGreaterThan(0)
  // The jet dyer's batches were credited with their run time (batchCredit's carry crossed the crashes).
  const dyer = linesOf(reference.influx, 'machine_minute').filter((l) => l.includes('machine=jd-01'))
  expect(dyer.some((l) => Number(/credited_apt_s=([\d.e+-]+)/.exec(l)?.[1] ?? 0) > 60)).toBe(true)
}

/**
 * The adapters' protocol with faults: InfluxDB writes always land; the changelog, dead letters and
 * offsets commit together only on some steps; a crash restarts from the last commit; the clock
 * runs ahead of the stream by random amounts (minutes closed early by an idle-partition timer).
 */
function runWithCrashes(input: readonly SourceMessage[], seed: number, options: EngineOptions) {
  const rnd = prng(seed)
  const sinks = createSinks()
  const deadLetters: DeadLetterRecord[] = []
  const anomalies: TelemetryAnomalyRecord[] = []
  const processEvents: ProcessOutOfRangeRecord[] = []
  const connectionLosses: ConnectionLostRecord[] = []
  let committed = new Map<string, string>()
  let engine: PartitionEngine = newEngine(undefined, options)
  const commitStep = () => {
    const out = engine.pending()
    for (const [key, line] of out.points) sinks.influx.set(key, line)
    deadLetters.push(...out.deadLetters.map((d) => d.record))
    anomalies.push(...out.anomalies)
    processEvents.push(...out.processEvents)
    connectionLosses.push(...out.connectionLosses)
    committed = new Map(committed)
    for (const r of engine.changelog()) committed.set(r.key, r.value)
    engine.commit()
  }
  let i = 0
  while (i < input.length) {
    engine.apply(input[i] as (typeof input)[number])
    i += 1
    engine.advance(engine.streamTimeMs + (rnd() < 0.2 ? rnd() * 10 * MIN : 0))
    const roll = rnd()
    if (roll < 0.4) commitStep()
    else if (roll < 0.7) for (const [key, line] of engine.pending().points) sinks.influx.set(key, line)
    else if (roll < 0.75) {
      engine = newEngine(committed, options) // crash: what was not committed is lost, InfluxDB keeps its writes
      i = Number(engine.nextOffset ?? 0)
    }
  }
  engine.advance(END_PROGRESS)
  commitStep()
  return { influx: sinks.influx, deadLetters, anomalies, processEvents, connectionLosses }
}
