import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoff } from './backoff.ts'

function take(iterator: Iterator<number>, count: number): number[] {
  return Array.from({ length: count }, () => iterator.next().value as number)
}

describe('backoff', () => {
  it('grows by the factor up to maxMs when there is no jitter', () => {
    expect(take(backoff({ initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0 }), 6)).toEqual([100, 200, 400, 800, 1_000, 1_000])
  })

  it('takes up to the jitter share off each delay, driven by the random source', () => {
    const randoms = [0, 0.5, 0.99]
    const delays = take(backoff({ initialMs: 1_000, maxMs: 1_000, jitter: 0.5, random: () => randoms.shift() ?? 0 }), 3)
    expect(delays).toEqual([1_000, 750, 505])
  })

  it('never goes below zero nor above maxMs, whatever the options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (initialMs, extraMs, factor, jitter, randoms) => {
          const maxMs = initialMs + extraMs
          const delays = take(backoff({ initialMs, maxMs, factor, jitter, random: () => randoms.next().value }), 50)
          return delays.every((delayMs) => Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= maxMs)
        },
      ),
    )
  })

  it('refuses options that make no sense', () => {
    expect(() => backoff({ initialMs: 0 }).next()).toThrow(RangeError)
    expect(() => backoff({ initialMs: 500, maxMs: 100 }).next()).toThrow(RangeError)
    expect(() => backoff({ factor: 0.5 }).next()).toThrow(RangeError)
    expect(() => backoff({ jitter: 2 }).next()).toThrow(RangeError)
  })
})
