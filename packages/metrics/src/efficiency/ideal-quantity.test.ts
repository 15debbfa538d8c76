import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { idealQuantity } from './ideal-quantity.ts'

describe('idealQuantity', () => {
  it('is what a loom at 750 picks/min makes in the run time: 750 in a minute, 375 in half of one', () => {
    expect(idealQuantity(60_000, 750)).toBe(750)
    expect(idealQuantity(30_000, 750)).toBe(375)
    expect(idealQuantity(0, 750)).toBe(0)
  })

  it('takes, at the ideal cycle, exactly the run time it was computed from (PRU x quantity = APT)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400_000 }), fc.double({ min: 0.01, max: 5_000, noNaN: true }), (runMs, ratePerMin) => {
        const idealCycleMs = 60_000 / ratePerMin
        expect(idealQuantity(runMs, ratePerMin) * idealCycleMs).toBeCloseTo(runMs, 3)
      }),
    )
  })

  it('adds up over a run time split in two, as the minutes of an hour add up to the hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 0, max: 3_600_000 }), fc.double({ min: 0, max: 5_000, noNaN: true }), (a, b, rate) => {
        expect(idealQuantity(a, rate) + idealQuantity(b, rate)).toBeCloseTo(idealQuantity(a + b, rate), 6)
      }),
    )
  })
})
