import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { epochMs, finite, interval, isEpochMs, isFiniteNumber, isInterval, isNonNegative, MAX_EPOCH_MS, MIN_EPOCH_MS, nonNegative } from './check-number.ts'

/** Whether a guard accepts the value (returns) or refuses it (throws). */
const accepts = (guard: () => unknown): boolean => {
  try {
    guard()
    return true
  } catch {
    return false
  }
}

/** Numbers at and just past every bound the guards draw, and anything else. */
const edgy = fc.oneof(
  fc.constantFrom(0, -0, -Number.MIN_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, MIN_EPOCH_MS, MIN_EPOCH_MS - 1, MAX_EPOCH_MS, MAX_EPOCH_MS + 1, Number.MAX_VALUE),
  fc.double(),
  fc.integer({ min: MIN_EPOCH_MS - 10, max: MAX_EPOCH_MS + 10 }),
  fc.anything(),
)

// The predicates let hot loops skip building an argument name per element (issue 16); they must
// answer exactly as the guards do, or a bad value would pass unnamed or a good one be refused.
describe('the guards\' predicates answer as the guards', () => {
  it('for single values', () => {
    fc.assert(
      fc.property(edgy, (v) => {
        expect(isFiniteNumber(v)).toBe(accepts(() => finite('v', v)))
        expect(isNonNegative(v)).toBe(accepts(() => nonNegative('v', v)))
        expect(isEpochMs(v)).toBe(accepts(() => epochMs('v', v)))
      }),
      { numRuns: 5_000 },
    )
  })

  it('for intervals', () => {
    const candidate = fc.oneof(fc.record({ startMs: edgy, endMs: edgy }), fc.constantFrom(null, undefined), fc.anything())
    fc.assert(
      fc.property(candidate, (v) => {
        const value = v as { startMs: number; endMs: number } | null | undefined
        // interval() itself now starts with isInterval: judge against its refusals, which run the guards.
        const guarded = accepts(() => {
          if (value === null || typeof value !== 'object') throw new Error('not an object')
          if (epochMs('endMs', value.endMs) < epochMs('startMs', value.startMs)) throw new Error('end before start')
        })
        expect(isInterval(value)).toBe(guarded)
        expect(accepts(() => interval('v', value))).toBe(guarded)
      }),
      { numRuns: 5_000 },
    )
  })
})
