import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricsInputError } from '../input/input-error.ts'
import { gaugeMean, mergeGaugeSummaries, summarizeGauge, type GaugeSummary } from './gauge-summary.ts'

const RH = { min: 40, max: 80 }

describe('summarizing a process gauge over a window', () => {
  it('gives the lowest, highest and mean reading, their number and how many were out of range', () => {
    const s = summarizeGauge([55, 62.5, 81, 39.5, 60], RH) as GaugeSummary
    expect(s).toEqual({ minValue: 39.5, maxValue: 81, sumValue: 298, count: 5, outOfRange: 2 })
    expect(gaugeMean(s)).toBeCloseTo(59.6, 12)
  })

  it('counts readings on the edges of the plausible range as in range', () => {
    expect(summarizeGauge([40, 80], RH)?.outOfRange).toBe(0)
  })

  it('has no summary for a window without readings', () => {
    expect(summarizeGauge([], RH)).toBeNull()
  })

  it('refuses a range whose max is not above its min, and a reading that is not a finite number', () => {
    expect(() => summarizeGauge([1], { min: 5, max: 5 })).toThrow(MetricsInputError)
    expect(() => summarizeGauge([1, Number.NaN], RH)).toThrow(/values\[1\]/)
  })

  // Readings on a 1/8 grid: their sums are exact in any order, so merges compare exactly.
  const reading = fc.integer({ min: -800, max: 1200 }).map((n) => n / 8)
  const readings = fc.array(reading, { minLength: 1, maxLength: 80 })

  it('merges two windows exactly as summarizing all their readings at once (minutes into an hour)', () => {
    fc.assert(fc.property(readings, readings, (a, b) => {
      const merged = mergeGaugeSummaries(summarizeGauge(a, RH) as GaugeSummary, summarizeGauge(b, RH) as GaugeSummary)
      expect(merged).toEqual(summarizeGauge([...a, ...b], RH))
    }))
  })

  it('does not depend on the order of the readings', () => {
    fc.assert(fc.property(readings, fc.func(fc.integer()), (values, order) => {
      const shuffled = values.map((v, i) => ({ v, k: order(i) })).sort((x, y) => x.k - y.k).map((x) => x.v)
      expect(summarizeGauge(shuffled, RH)).toEqual(summarizeGauge(values, RH))
    }))
  })

  it('keeps the mean between the lowest and the highest reading, whatever the float rounding', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
      const s = summarizeGauge(values, RH) as GaugeSummary
      const mean = gaugeMean(s)
      expect(mean).toBeGreaterThanOrEqual(s.minValue)
      expect(mean).toBeLessThanOrEqual(s.maxValue)
      expect(s.count).toBe(values.length)
      expect(s.outOfRange).toBe(values.filter((v) => v < RH.min || v > RH.max).length)
    }))
    expect(gaugeMean(summarizeGauge([0.1, 0.1, 0.1], RH) as GaugeSummary)).toBe(0.1)
  })
})
