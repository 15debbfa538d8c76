import { describe, expect, it } from 'vitest'
import { pointsWithGaps } from './chart-gaps.ts'

const MIN5 = 300_000
const bucket = (i: number, value: number) => ({ fromMs: i * MIN5, toMs: (i + 1) * MIN5, value })

describe('pointsWithGaps', () => {
  it('joins consecutive buckets, in time order', () => {
    expect(pointsWithGaps([bucket(1, 51), bucket(0, 50), bucket(2, 52)])).toEqual([[0, 50], [MIN5, 51], [2 * MIN5, 52]])
  })

  it('stays joined across up to two missing buckets (a gauge reporting less often than the bucket width)', () => {
    expect(pointsWithGaps([bucket(0, 50), bucket(2, 52), bucket(5, 55)])).toEqual([[0, 50], [2 * MIN5, 52], [5 * MIN5, 55]])
  })

  it('breaks the line where more buckets are missing: no line through hours without data', () => {
    // The demo's humidity: data until 05:50, nothing until 13:00.
    const points = pointsWithGaps([bucket(0, 50), bucket(1, 51), bucket(87, 60), bucket(88, 61)])
    expect(points).toEqual([[0, 50], [MIN5, 51], [2 * MIN5, null], [87 * MIN5, 60], [88 * MIN5, 61]])
  })

  it('gives nothing for nothing and one point for one bucket', () => {
    expect(pointsWithGaps([])).toEqual([])
    expect(pointsWithGaps([bucket(3, 7)])).toEqual([[3 * MIN5, 7]])
  })
})
