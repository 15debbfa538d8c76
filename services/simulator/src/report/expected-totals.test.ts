import { describe, expect, it } from 'vitest'
import { sumOfIncrements } from './expected-totals.ts'
import { rangeCount, toRanges } from './seq-ranges.ts'

describe('sumOfIncrements', () => {
  it('adds positive steps in event-time order and takes a drop as a reset to the new reading', () => {
    expect(sumOfIncrements([[1, 10], [2, 15], [3, 3], [4, 5]])).toBe(5 + 3 + 2)
  })

  it('counts a duplicate ts once and sorts out-of-order readings first', () => {
    expect(sumOfIncrements([[3, 30], [1, 10], [2, 20], [2, 20]])).toBe(20)
    expect(sumOfIncrements([])).toBe(0)
    expect(sumOfIncrements([[5, 100]])).toBe(0)
  })
})

describe('toRanges', () => {
  it('compresses seqs into inclusive ranges and counts them back', () => {
    const ranges = toRanges([5, 0, 1, 2, 6, 9, 2])
    expect(ranges).toEqual([[0, 2], [5, 6], [9, 9]])
    expect(rangeCount(ranges)).toBe(6)
  })
})
