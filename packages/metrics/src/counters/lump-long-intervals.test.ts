import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apportionDeltas, type AmountInterval } from './apportion.ts'
import { lumpLongIntervals } from './lump-long-intervals.ts'

const M = 60_000
const minutes = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ startMs: (from + i) * M, endMs: (from + i + 1) * M }))

describe('lumpLongIntervals', () => {
  it('leaves intervals up to maxSpreadMs alone and turns a longer one into 1 ms ending at its later reading', () => {
    const intervals: AmountInterval[] = [{ startMs: 0, endMs: 30_000, delta: 1 }, { startMs: 30_000, endMs: 3 * M + 10_000, delta: 5 }]
    expect(lumpLongIntervals(intervals, M)).toEqual([{ startMs: 0, endMs: 30_000, delta: 1 }, { startMs: 3 * M + 9_999, endMs: 3 * M + 10_000, delta: 5 }])
  })

  it('puts a long delta whole into the minute its later reading closes, even on that minute’s end', () => {
    const [lumped] = lumpLongIntervals([{ startMs: 0, endMs: 3 * M, delta: 5 }], M)
    expect(apportionDeltas([lumped as AmountInterval], minutes(0, 4))).toEqual([0, 0, 5, 0])
  })

  /** Readings of one meter every few seconds to hours, in whole seconds (so often on a minute's edge), deltas >= 0. */
  const arbIntervals = fc
    .array(fc.record({ gapMs: fc.integer({ min: 1, max: 3 * 3_600 }).map((s) => s * 1000), delta: fc.double({ min: 0, max: 50, noNaN: true }) }), { minLength: 1, maxLength: 40 })
    .map((steps) => {
      let t = 7 * M + 20_000
      return steps.map(({ gapMs, delta }) => {
        const i = { startMs: t, endMs: t + gapMs, delta }
        t += gapMs
        return i
      })
    })

  it("gives every minute what apportionDeltas' maxSpreadMs rule gives it, and the same total", () => {
    fc.assert(
      fc.property(arbIntervals, fc.integer({ min: M, max: 3_600_000 }), (intervals, maxSpreadMs) => {
        const last = (intervals.at(-1) as AmountInterval).endMs
        const windows = minutes(7, Math.ceil(last / M) - 7 + 1)
        const lumped = apportionDeltas(lumpLongIntervals(intervals, maxSpreadMs), windows)
        const rule = apportionDeltas(intervals, windows, { maxSpreadMs })
        lumped.forEach((v, i) => expect(v).toBeCloseTo(rule[i] as number, 9))
        const total = intervals.reduce((s, i) => s + i.delta, 0)
        expect(lumped.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 6)
      }),
    )
  })
})
