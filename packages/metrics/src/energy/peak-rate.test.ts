import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { peakRate, type RateReading } from './peak-rate.ts'

const M = 60_000

describe('peakRate', () => {
  it('takes the highest rate of the readings in [start, end), ignoring readings without one', () => {
    const readings: RateReading[] = [{ tsMs: 0, power: 4 }, { tsMs: 10_000 }, { tsMs: 30_000, power: 7.5 }, { tsMs: M, power: 99 }]
    expect(peakRate(readings, { startMs: 0, endMs: M })).toBe(7.5)
    expect(peakRate(readings, { startMs: M, endMs: 2 * M })).toBe(99)
  })

  it('is 0 for a window without a rate', () => {
    expect(peakRate([{ tsMs: 5_000 }], { startMs: 0, endMs: M })).toBe(0)
    expect(peakRate([], { startMs: 0, endMs: M })).toBe(0)
  })

  const arbReadings = fc.array(fc.record({ tsMs: fc.integer({ min: 0, max: 10 * M }), power: fc.option(fc.double({ min: 0, max: 1_000, noNaN: true }), { nil: undefined }) }), { maxLength: 60 })

  it("over a window split anywhere, is the higher of the two parts' peaks (the hour's peak is the max of its minutes')", () => {
    fc.assert(
      fc.property(arbReadings, fc.integer({ min: 0, max: 10 * M }), fc.integer({ min: 0, max: 10 * M }), fc.integer({ min: 0, max: 10 * M }), (readings, a, b, c) => {
        const [start, cut, end] = [a, b, c].sort((x, y) => x - y) as [number, number, number]
        const whole = peakRate(readings, { startMs: start, endMs: end })
        expect(whole).toBe(Math.max(peakRate(readings, { startMs: start, endMs: cut }), peakRate(readings, { startMs: cut, endMs: end })))
      }),
    )
  })

  it('is one of the rates inside the window, and none inside is higher', () => {
    fc.assert(
      fc.property(arbReadings, (readings) => {
        const window = { startMs: 2 * M, endMs: 5 * M }
        const inside = readings.filter((r) => r.tsMs >= window.startMs && r.tsMs < window.endMs && r.power !== undefined).map((r) => r.power as number)
        const peak = peakRate(readings, window)
        expect(inside.every((p) => p <= peak)).toBe(true)
        expect(peak === 0 || inside.includes(peak)).toBe(true)
      }),
    )
  })
})
