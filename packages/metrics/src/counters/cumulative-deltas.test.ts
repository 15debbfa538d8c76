import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apportionDeltas, windowDeltas } from './apportion.ts'
import { cumulativeDeltas, totalDelta, type CumulativeSample } from './cumulative-deltas.ts'

const M = 60_000
const minutes = (n: number) => Array.from({ length: n }, (_, i) => ({ startMs: i * M, endMs: (i + 1) * M }))

describe('cumulative deltas', () => {
  it('takes the new reading as the delta after a reset, never a negative contribution', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 1000 }, { tsMs: M, total: 1010 }, { tsMs: 2 * M, total: 4 }, { tsMs: 3 * M, total: 9 }])
    expect(d.map((i) => [i.delta, i.kind])).toEqual([[10, 'increase'], [4, 'reset'], [5, 'increase']])
  })

  it('wraps a meter with a known rollover value', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 99_990 }, { tsMs: M, total: 15 }], { registerModulus: 100_000 })
    expect(d).toEqual([{ startMs: 0, endMs: M, delta: 25, kind: 'rollover' }])
    // A drop from low in the register is a restart, even on a meter that can roll over.
    expect(cumulativeDeltas([{ tsMs: 0, total: 500 }, { tsMs: M, total: 15 }], { registerModulus: 100_000 })[0]).toMatchObject({ delta: 15, kind: 'reset' })
  })

  it('spreads a rollover across the minutes it spans', () => {
    expect(windowDeltas([{ tsMs: 30_000, total: 99_980 }, { tsMs: 90_000, total: 40 }], minutes(2), { registerModulus: 100_000 })).toEqual([30, 30])
  })

  it('splits a delta across a window edge in proportion to time', () => {
    const d = cumulativeDeltas([{ tsMs: 30_000, total: 100 }, { tsMs: 90_000, total: 160 }])
    expect(apportionDeltas(d, minutes(2))).toEqual([30, 30])
  })

  it('puts a reset inside a window in that window', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 50 }, { tsMs: 20_000, total: 60 }, { tsMs: 40_000, total: 3 }, { tsMs: 60_000, total: 8 }, { tsMs: 120_000, total: 20 }])
    expect(apportionDeltas(d, minutes(2))).toEqual([18, 12])
  })

  it('gives each window its share whatever order the windows come in, overlapping ones too', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 0 }, { tsMs: 3 * M, total: 90 }])
    const shuffled = [{ startMs: 2 * M, endMs: 3 * M }, { startMs: 0, endMs: M }, { startMs: M, endMs: 2 * M }]
    expect(apportionDeltas(d, shuffled)).toEqual([30, 30, 30])
    expect(apportionDeltas(d, [{ startMs: 0, endMs: 3 * M }, { startMs: M, endMs: 2 * M }])).toEqual([90, 30])
  })

  it('gives a delta at one instant on a window edge to the window that starts there', () => {
    const windows = [
      { startMs: 0, endMs: 60_000 },
      { startMs: 60_000, endMs: 120_000 },
    ]
    expect(apportionDeltas([{ startMs: 60_000, endMs: 60_000, delta: 5 }], windows)).toEqual([0, 5])
    expect(apportionDeltas([{ startMs: 60_000, endMs: 60_000, delta: 5 }], [windows[1] as (typeof windows)[number], windows[0] as (typeof windows)[number], { startMs: 0, endMs: 120_000 }])).toEqual([5, 0, 5])
  })

  it('does not spread a delta over a gap longer than the limit', () => {
    const d = cumulativeDeltas([{ tsMs: 0, total: 0 }, { tsMs: 10 * M + 5_000, total: 50 }])
    const shares = apportionDeltas(d, minutes(11), { maxSpreadMs: 5 * M })
    expect(shares[10]).toBe(50)
    expect(shares.slice(0, 10).every((x) => x === 0)).toBe(true)
  })
})

/** A counter driven by known increments, restarting now and then: the readings a device would send. */
const arbCounter = fc
  .array(fc.record({ inc: fc.integer({ min: 0, max: 500 }), reset: fc.boolean(), gapMs: fc.integer({ min: 1, max: 3 * M }) }), { minLength: 1, maxLength: 60 })
  .map((steps) => {
    const samples: CumulativeSample[] = [{ tsMs: 0, total: 1_000, seq: 0 }]
    let trueTotal = 0
    for (const [i, step] of steps.entries()) {
      const prev = samples.at(-1)!
      // A restart is only visible as a drop; one that would read higher than before is just counting.
      const total = step.reset && step.inc < prev.total ? step.inc : prev.total + step.inc
      trueTotal += step.inc
      samples.push({ tsMs: prev.tsMs + step.gapMs, total, seq: i + 1 })
    }
    return { samples, trueTotal }
  })

describe('cumulative delta properties', () => {
  it('recovers the true production whatever the resets, and windows add up to it', () => {
    fc.assert(
      fc.property(arbCounter, fc.integer({ min: 1_000, max: 7 * M }), ({ samples, trueTotal }, windowMs) => {
        const d = cumulativeDeltas(samples)
        expect(totalDelta(d)).toBe(trueTotal)
        expect(d.every((i) => i.delta >= 0)).toBe(true)
        const endMs = samples.at(-1)!.tsMs
        const windows = Array.from({ length: Math.ceil(endMs / windowMs) }, (_, i) => ({ startMs: i * windowMs, endMs: Math.min((i + 1) * windowMs, endMs) }))
        const shares = apportionDeltas(d, windows)
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(trueTotal, 6)
        expect(shares.every((x) => x >= 0)).toBe(true)
      }),
    )
  })

  it('changes nothing when readings arrive out of order or twice', () => {
    fc.assert(
      fc.property(arbCounter, fc.array(fc.nat(), { maxLength: 10 }), fc.nat(), ({ samples }, dupIdx, seed) => {
        const noisy = [...samples, ...dupIdx.map((i) => samples[i % samples.length]!)]
        const shuffled = noisy.map((s, i) => ({ s, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((x) => x.s)
        expect(cumulativeDeltas(shuffled)).toEqual(cumulativeDeltas(samples))
      }),
    )
  })
})
