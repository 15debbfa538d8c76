import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StateChange } from '../timeline/machine-state.ts'
import { batchCredit, UNKNOWN_BATCH_START, type BatchCarry } from './batch-credit.ts'
import { machineWindow } from './elements-by-window.ts'
import { sumElements, type EfficiencyElements } from './elements.ts'
import { kpis } from './kpis.ts'

const M = 60_000
const RATE = 2 // kg/min
const BATCH = 100 // kg: 50 min at the ideal rate
const timeline = { stalenessMs: 24 * 60 * M }
const counter = { maxSpreadMs: 5 * M }

interface Stretch { state: 'running' | 'idle' | 'setup' | 'down'; minutes: number }

/** A batch machine at `speed` × its ideal rate: state changes, and count readings every `periodMs` plus one at each batch end. */
function batchMachine(stretches: readonly Stretch[], speed: number, periodMs: number, progressKg = 0) {
  const changes: StateChange[] = []
  const ends: number[] = []
  let t = 0
  let progress = progressKg
  for (const s of stretches) {
    let left = s.minutes * M
    while (left > 0) {
      changes.push({ tsMs: t, state: s.state })
      if (s.state !== 'running') {
        t += left
        left = 0
        continue
      }
      const toEndMs = ((BATCH - progress) / (RATE * speed)) * M
      if (toEndMs > left) {
        progress += (left / M) * RATE * speed
        t += left
        left = 0
      } else {
        t += toEndMs
        left -= toEndMs
        ends.push(t)
        progress = 0
        // The batch ends: unload and load for 10 minutes.
        changes.push({ tsMs: t, state: 'setup' })
        t += 10 * M
      }
    }
  }
  const endMs = Math.ceil(t / M) * M
  changes.push({ tsMs: t, state: 'idle' })
  const readingTimes = [...new Set([...Array.from({ length: Math.floor(endMs / periodMs) + 1 }, (_, i) => i * periodMs), ...ends])].sort((a, b) => a - b)
  const counts = readingTimes.map((tsMs) => ({ tsMs, total: 7_000 + BATCH * ends.filter((e) => e <= tsMs).length }))
  return { changes, counts, ends, minutes: endMs / M }
}

/** Each minute of the machine as the aggregator computes it, the batch carry chained from `carry`. */
function minutesOf(machine: ReturnType<typeof batchMachine>, carry: BatchCarry, windowMin = 1): EfficiencyElements[] {
  const out: EfficiencyElements[] = []
  for (let m = 0; m < machine.minutes; m += windowMin) {
    const w = machineWindow({ ...machine, window: { startMs: m * M, endMs: (m + windowMin) * M }, timeline, unit: 'kg', idealRatePerMin: RATE, counter, batch: { carryIn: carry } })
    carry = w.batch?.carryOut ?? carry
    out.push(w.elements)
  }
  return out
}

const stretch = fc.record({ state: fc.constantFrom('running', 'running', 'running', 'idle', 'setup', 'down' as const), minutes: fc.integer({ min: 1, max: 90 }) })

describe('performance of a batch machine, credited per batch (batchCredit)', () => {
  it('credits a batch with the run time since the previous one, in the minute it ends, reference vector', () => {
    // 100 kg at 2 kg/min ideal, run at 0.8: 62.5 min running, a 15 min stop inside; readings every 30 s.
    const machine = batchMachine([{ state: 'running', minutes: 30 }, { state: 'down', minutes: 15 }, { state: 'running', minutes: 40 }], 0.8, 30_000)
    expect(machine.ends).toEqual([77.5 * M])
    const minutes = minutesOf(machine, { pendingAptMs: 0, timeKnown: true })
    const credited = minutes.flatMap((e, i) => ((e.creditedAptMs ?? 0) > 0 ? [i] : []))
    expect(credited).toEqual([77])
    expect(minutes[77]).toMatchObject({ creditedAptMs: 62.5 * M, creditedIdealMs: 50 * M, producedQty: { kg: 100 } })
    expect(kpis(minutes[77] as EfficiencyElements).effectiveness).toBeCloseTo(0.8, 12)
    // The first hour: the machine ran 45 minutes and no batch ended: no performance, not 0.
    const firstHour = kpis(sumElements(minutes.slice(0, 60)))
    expect(firstHour).toMatchObject({ availability: 45 / 60, effectiveness: null, effectivenessGap: 'no_batch_ended', oee: null })
  })

  it('leaves out the batch in progress when the device was first seen, and says so', () => {
    const machine = batchMachine([{ state: 'running', minutes: 120 }], 1, 20_000, 60)
    const minutes = minutesOf(machine, UNKNOWN_BATCH_START)
    const first = machine.ends[0] as number
    const firstBatch = kpis(sumElements(minutes.slice(0, Math.floor(first / M) + 1)))
    expect(firstBatch).toMatchObject({ effectiveness: null, effectivenessGap: 'batch_time_unknown', oee: null })
    // The next batch started when the first ended: its time is known, P = 1 at the ideal rate.
    expect(kpis(sumElements(minutes)).effectiveness).toBeCloseTo(1, 9)
  })

  it('shows P = 1 over any range of minutes in which a batch ended, for a machine at its ideal rate', () => {
    fc.assert(
      fc.property(fc.array(stretch, { minLength: 1, maxLength: 8 }), fc.integer({ min: 5, max: 120 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), (stretches, periodS, a, len) => {
        const machine = batchMachine(stretches, 1, periodS * 1000)
        const minutes = minutesOf(machine, { pendingAptMs: 0, timeKnown: true })
        const range = sumElements(minutes.slice(a % minutes.length, (a % minutes.length) + len))
        const p = kpis(range).effectiveness
        if ((range.creditedAptMs ?? 0) === 0) expect(p).toBeNull()
        else expect(p).toBeCloseTo(1, 9)
      }),
      { numRuns: 60 },
    )
  })

  it('credits every known batch exactly once with its run time, whatever the window length', () => {
    fc.assert(
      fc.property(fc.array(stretch, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.5, max: 1.05, noNaN: true }), fc.integer({ min: 5, max: 400 }), fc.constantFrom(1, 5, 60), (stretches, speed, periodS, windowMin) => {
        const machine = batchMachine(stretches, speed, periodS * 1000)
        const sum = sumElements(minutesOf(machine, { pendingAptMs: 0, timeKnown: true }, windowMin))
        // Run time of all ended batches: the running time up to the last batch end.
        expect(sum.creditedAptMs).toBeCloseTo(runningBetween(machine.changes, 0, machine.ends.at(-1) ?? 0), 3)
        expect(sum.creditedIdealMs).toBeCloseTo((machine.ends.length * BATCH * M) / RATE, 3)
        if (machine.ends.length > 0) expect(kpis(sum).effectiveness).toBeCloseTo(speed, 6)
      }),
      { numRuns: 40 },
    )
  })

  it('leaves out the batch after a discontinuity of the register, and carries nothing across it', () => {
    const segments = [{ startMs: 0, endMs: M, element: 'aptMs' as const, state: 'running' as const, plan: 'shift' as const }]
    const rewind = { startMs: 10_000, endMs: 20_000, delta: 0, kind: 'rewind' as const }
    const step = { startMs: 40_000, endMs: 50_000, delta: 100, kind: 'increase' as const }
    const r = batchCredit({ window: { startMs: 0, endMs: M }, segments, intervals: [rewind, step], idealRatePerMin: RATE, carryIn: { pendingAptMs: 30 * M, timeKnown: true } })
    expect(r).toEqual({ creditedAptMs: 0, creditedIdealMs: 0, uncreditedQty: 100, uncreditedBatches: 1, carryOut: { pendingAptMs: 10_000, timeKnown: true } })
  })
})

/** Running time of a timeline in [fromMs, toMs). */
function runningBetween(changes: readonly StateChange[], fromMs: number, toMs: number): number {
  let ms = 0
  changes.forEach((c, i) => {
    const end = changes[i + 1]?.tsMs ?? toMs
    if (c.state === 'running') ms += Math.max(0, Math.min(end, toMs) - Math.max(c.tsMs, fromMs))
  })
  return ms
}
