import { describe, expect, it } from 'vitest'
import { createPrng } from './prng.ts'

const take = (n: number, f: () => number) => Array.from({ length: n }, f)

describe('createPrng', () => {
  it('gives the same numbers for the same seed and label, and different ones otherwise', () => {
    const a = createPrng(42, 'f/p/l/m/model')
    const b = createPrng(42, 'f/p/l/m/model')
    expect(take(100, a.next)).toEqual(take(100, b.next))
    expect(take(10, createPrng(43, 'f/p/l/m/model').next)).not.toEqual(take(10, createPrng(42, 'f/p/l/m/model').next))
    expect(take(10, createPrng(42, 'f/p/l/m/chaos').next)).not.toEqual(take(10, createPrng(42, 'f/p/l/m/model').next))
  })

  it('stays in [0, 1) and spreads evenly', () => {
    const r = createPrng(7, 'uniform')
    const values = take(20_000, r.next)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    const mean = values.reduce((s, v) => s + v, 0) / values.length
    expect(mean).toBeCloseTo(0.5, 1)
  })

  it('draws exponential and log-normal values with the requested means', () => {
    const r = createPrng(1, 'dist')
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length
    expect(mean(take(40_000, () => r.exponential(3)))).toBeCloseTo(3, 0)
    const durations = take(40_000, () => r.lognormal(5, 0.5))
    expect(mean(durations)).toBeGreaterThan(4.8)
    expect(mean(durations)).toBeLessThan(5.2)
    expect(Math.min(...durations)).toBeGreaterThan(0)
  })

  it('picks weighted indices in proportion to their weights', () => {
    const r = createPrng(3, 'weights')
    const hits = [0, 0, 0]
    for (let i = 0; i < 30_000; i++) hits[r.weighted([1, 2, 0])]! += 1
    expect(hits[2]).toBe(0)
    expect(hits[1]! / hits[0]!).toBeGreaterThan(1.8)
    expect(hits[1]! / hits[0]!).toBeLessThan(2.2)
  })
})
