import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocateFamilyEnergy } from './family-energy.ts'
import { baselineComparison } from './baseline-comparison.ts'
import { loadShiftInput } from './load-shift.ts'

const qty = fc.double({ min: 0, max: 1e6, noNaN: true })
const H = 3_600_000

describe('family energy allocation', () => {
  it('gives a one-family plant the whole incomer, its lines metered or not', () => {
    const r = allocateFamilyEnergy({ lines: [{ line: 'a', family: 'f', direct: { electricity: 60 } }, { line: 'b', family: 'f', direct: { electricity: 20 } }, { line: 'u', family: null, direct: {} }], incomers: { electricity: 100, gas: 7 }, weights: new Map([['a', 3], ['b', 1]]) })
    expect(r.families.get('f')).toEqual({ electricity: 100, gas: 7 })
    // The 20 kWh no line meter saw goes 3:1 like the metered use; gas, metered by no line, by the weights.
    expect(r.lines.get('a')).toEqual({ electricity: 75, gas: 5.25 })
  })

  it('shares out exactly what the plant used, never less than a line metered, and takes the lines when they read more than the incomer', () => {
    fc.assert(
      fc.property(qty, qty, qty, qty, fc.double({ min: 0, max: 10, noNaN: true }), (a, b, incomer, gas, w) => {
        const r = allocateFamilyEnergy({ lines: [{ line: 'a', family: 'f', direct: { electricity: a } }, { line: 'b', family: 'g', direct: { electricity: b, gas } }], incomers: { electricity: incomer }, weights: new Map([['a', w], ['b', 1]]) })
        const total = (r.families.get('f')?.electricity ?? 0) + (r.families.get('g')?.electricity ?? 0)
        expect(total).toBeCloseTo(Math.max(incomer, a + b), 3)
        expect(r.families.get('f')?.electricity ?? 0).toBeGreaterThanOrEqual(a * (1 - 1e-12))
        expect(r.plant.gas ?? 0).toBe(gas)
      }),
    )
  })
})

describe('E4 load shift inputs', () => {
  const tariff = { pricePerKwh: { peak: 1, valley: 0.3 }, periods: [{ from: '08:00', to: '20:00', band: 'peak' as const }, { from: '20:00', to: '08:00', band: 'valley' as const }] }
  const calendar = { shifts: [{ id: 'd', name: 'D', start: '00:00', durationH: 24, breaks: [] }], nonWorkingWeekdays: [] }
  const day = { startMs: Date.parse('2026-03-02T00:00:00+08:00'), endMs: Date.parse('2026-03-03T00:00:00+08:00') }
  it('gives a flat load on a round-the-clock plan the same peak share of energy and of time', () => {
    const readings = Array.from({ length: 24 }, (_, i) => ({ startMs: day.startMs + i * H, endMs: day.startMs + (i + 1) * H, delta: 10 }))
    expect(loadShiftInput({ readings, tariff, timeZone: 'Asia/Shanghai', range: day, calendar })).toEqual({ peakKwh: 120, totalKwh: 240, peakPotMs: 12 * H, potMs: 24 * H })
  })
  it('counts only the hours it has readings for on the energy side', () => {
    const readings = Array.from({ length: 8 }, (_, i) => ({ startMs: day.startMs + i * H, endMs: day.startMs + (i + 1) * H, delta: 10 }))
    expect(loadShiftInput({ readings, tariff, timeZone: 'Asia/Shanghai', range: day, calendar }).peakKwh).toBe(0)
  })
})

describe('E2 baseline comparison', () => {
  const month = (i: number, output: number, energy: number) => ({ startMs: i * 30 * 24 * H, endMs: (i + 1) * 30 * 24 * H, output, energy })
  it('expects a + b × P for a month, and a day its share of a', () => {
    const months = [month(0, 10, 120), month(1, 20, 220), month(2, 30, 320)] // E = 20 + 10 P
    expect(baselineComparison(months, month(12, 25, 250)).expectedEnergy).toBeCloseTo(270, 9)
    const day = { startMs: 12 * 30 * 24 * H, endMs: (12 * 30 + 1) * 24 * H, output: 1, energy: 10 }
    expect(baselineComparison(months, day).expectedEnergy).toBeCloseTo(20 / 30 + 10, 9)
  })
  it('says why when the months have no output or the output never varies', () => {
    expect(baselineComparison([month(0, 0, 5)], month(12, 1, 1))).toMatchObject({ baselineMonths: 0, unavailable: 'no baseline month with energy and output' })
    expect(baselineComparison([month(0, 5, 5), month(1, 5, 6), month(2, 5, 7)], month(12, 1, 1)).unavailable).toBe('baseline fit failed: output does not vary')
  })
})
