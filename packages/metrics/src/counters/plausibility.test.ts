import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cumulativeDeltas, discontinuities, totalDelta, type CumulativeSample } from './cumulative-deltas.ts'
import { maxPlausibleIncrease, type PlausibilityLimit } from './plausibility.ts'

const M = 60_000
const H = 60 * M
/** A 45 kW machine: 1.5 x 45 kWh/h at most, at least a minute's worth per interval. */
const limit: PlausibilityLimit = { maxRatePerH: 45 }

describe('plausibility of register steps', () => {
  it('counts what the machine can draw in the time, and nothing of a forward jump beyond it', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 1000 }, { tsMs: H, total: 1060 }, { tsMs: H + 10_000, total: 5_000_000 }, { tsMs: H + 20_000, total: 5_000_000.1 }], { limit })
    expect(d.map((i) => [i.kind, i.delta])).toEqual([['increase', 60], ['implausible_jump', 0], ['increase', expect.closeTo(0.1, 9)]])
    expect(d[1]?.readings).toEqual({ prev: { tsMs: H, total: 1060 }, next: { tsMs: H + 10_000, total: 5_000_000 } })
  })

  it('takes a drop to a small value as a restart from zero, a drop to a large one as a rewind', () => {
    const restart = cumulativeDeltas([{ tsMs: 0, total: 52_000 }, { tsMs: 2 * M, total: 1.2 }], { limit })
    expect(restart.map((i) => [i.kind, i.delta])).toEqual([['reset', 1.2]])
    // The demo's defect: a register started again from its initial value 30 minutes back.
    const rewind = cumulativeDeltas([{ tsMs: 0, total: 52_000 }, { tsMs: 10_000, total: 51_980 }], { limit })
    expect(rewind.map((i) => [i.kind, i.delta])).toEqual([['rewind', 0]])
  })

  it('allows at least one minute of maximum output over a short interval, plus a declared step', () => {
    expect(maxPlausibleIncrease(limit, 1_000)).toBeCloseTo(45 * 1.5 / 60, 9)
    expect(maxPlausibleIncrease({ maxRatePerH: 1.39 * 60, stepQty: 500 }, 10_000)).toBeCloseTo(500 + 1.39 * 1.5, 9)
    expect(maxPlausibleIncrease(limit, 2 * H)).toBeCloseTo(135, 9)
  })

  it('believes a rollover only if the wrapped delta is possible', () => {
    const wrap = cumulativeDeltas([{ tsMs: 0, total: 99_999.5 }, { tsMs: M, total: 0.3 }], { registerModulus: 100_000, limit })
    expect(wrap.map((i) => [i.kind, i.delta])).toEqual([['rollover', expect.closeTo(0.8, 9)]])
    const bad = cumulativeDeltas([{ tsMs: 0, total: 95_000 }, { tsMs: M, total: 20_000 }], { registerModulus: 100_000, limit })
    expect(bad.map((i) => i.kind)).toEqual(['rewind'])
  })
})

/** Arbitrary readings: rises, restarts, rewinds, spikes, at arbitrary gaps. */
const arbReadings = fc.array(
  fc.record({ gapMs: fc.integer({ min: 1, max: 3 * H }), op: fc.constantFrom('rise', 'restart', 'rewind', 'spike', 'same'), amount: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  { minLength: 1, maxLength: 50 },
).map((steps) => {
  const samples: CumulativeSample[] = [{ tsMs: 0, total: 10_000 }]
  for (const s of steps) {
    const prev = samples.at(-1) as CumulativeSample
    const total = s.op === 'rise' ? prev.total + s.amount : s.op === 'restart' ? s.amount / 1e4 : s.op === 'rewind' ? prev.total / 2 : s.op === 'spike' ? prev.total + s.amount * 100 : prev.total
    samples.push({ tsMs: prev.tsMs + s.gapMs, total })
  }
  return samples
})

describe('plausibility properties', () => {
  it('never counts more than the physical maximum over any interval between readings', () => {
    fc.assert(
      fc.property(arbReadings, fc.double({ min: 0.1, max: 5000, noNaN: true }), (samples, maxRatePerH) => {
        const lim = { maxRatePerH }
        const d = cumulativeDeltas(samples, { limit: lim })
        for (const i of d) expect(i.delta).toBeLessThanOrEqual(maxPlausibleIncrease(lim, i.endMs - i.startMs) * (1 + 1e-12))
        // Summed over the whole run too: never above the maximum over the time (with the per-interval minimum).
        const allowed = d.reduce((s, i) => s + maxPlausibleIncrease(lim, i.endMs - i.startMs), 0)
        expect(totalDelta(d)).toBeLessThanOrEqual(allowed * (1 + 1e-12))
        expect(discontinuities(d).every((i) => i.delta === 0 && i.readings.next.tsMs === i.endMs)).toBe(true)
      }),
    )
  })

  it('still counts a true restart from zero exactly, and a plausible series in full', () => {
    const arbPlausible = fc
      .array(fc.record({ gapMs: fc.integer({ min: 1_000, max: 2 * H }), share: fc.double({ min: 0, max: 1, noNaN: true }), restart: fc.boolean() }), { minLength: 1, maxLength: 60 })
      .map((steps) => {
        const maxRatePerH = 45
        const samples: CumulativeSample[] = [{ tsMs: 0, total: 20_000 }]
        let trueTotal = 0
        for (const s of steps) {
          const prev = samples.at(-1) as CumulativeSample
          // What the machine drew, at most its rating (no margin needed to be believed).
          const inc = (maxRatePerH * s.gapMs * s.share) / H
          trueTotal += inc
          samples.push({ tsMs: prev.tsMs + s.gapMs, total: s.restart && inc < prev.total ? inc : prev.total + inc })
        }
        return { samples, trueTotal, maxRatePerH }
      })
    fc.assert(
      fc.property(arbPlausible, ({ samples, trueTotal, maxRatePerH }) => {
        const d = cumulativeDeltas(samples, { limit: { maxRatePerH } })
        expect(discontinuities(d)).toEqual([])
        expect(totalDelta(d)).toBeCloseTo(trueTotal, 6)
      }),
    )
  })
})
