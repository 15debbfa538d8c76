import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { peerBenchmark } from './peer-benchmark.ts'

const group = (values: number[]) => values.map((value, i) => ({ id: `p${i}`, value }))

describe('benchmarking a plant among its peers (lower is better)', () => {
  it('ranks the lowest value highest, counts ties as half, and gives quartiles from five plants on', () => {
    expect(peerBenchmark(group([10, 20, 30, 40, 50]), 'p0')).toEqual({ plants: 5, percentile: 90, quartiles: { p25: 20, median: 30, p75: 40 } })
    expect(peerBenchmark(group([10, 20, 30, 40, 50]), 'p4').percentile).toBe(10)
    expect(peerBenchmark(group([10, 10]), 'p1').percentile).toBe(50)
    expect(peerBenchmark(group([1, 2, 3, 4]), 'p1')).toEqual({ plants: 4, percentile: 62.5, quartiles: null })
    expect(peerBenchmark(group([1, 2, 3, 4]), 'p1', 4).quartiles).toEqual({ p25: 1.75, median: 2.5, p75: 3.25 })
  })

  it('gives no percentile to a plant outside the group and refuses bad input', () => {
    expect(peerBenchmark(group([1, 2]), 'x').percentile).toBeNull()
    expect(() => peerBenchmark(group([1, -2]), 'p0')).toThrow(/group\[1\]\.value/)
    expect(() => peerBenchmark([{ id: 'a', value: 1 }, { id: 'a', value: 2 }], 'a')).toThrow(/each plant once/)
  })

  it('never ranks a plant with a lower value below one with a higher value; percentiles stay in 0..100', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (values, a, b) => {
      const g = group(values)
      const i = a % values.length
      const j = b % values.length
      const pi = peerBenchmark(g, `p${i}`).percentile as number
      const pj = peerBenchmark(g, `p${j}`).percentile as number
      expect(pi).toBeGreaterThan(0)
      expect(pi).toBeLessThan(100)
      if ((values[i] as number) < (values[j] as number)) expect(pi).toBeGreaterThan(pj)
    }))
  })

  it('gives ordered quartiles within the values, whatever the order of the group', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 30 }), (values) => {
      const q = peerBenchmark(group(values), 'p0').quartiles!
      const shuffled = peerBenchmark(group([...values].reverse()), `p${values.length - 1}`)
      expect(shuffled.quartiles).toEqual(q)
      expect(q.p25).toBeLessThanOrEqual(q.median)
      expect(q.median).toBeLessThanOrEqual(q.p75)
      expect(q.p25).toBeGreaterThanOrEqual(Math.min(...values))
      expect(q.p75).toBeLessThanOrEqual(Math.max(...values))
    }))
  })
})
