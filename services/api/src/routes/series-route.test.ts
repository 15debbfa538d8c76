import { describe, expect, it } from 'vitest'
import { bucketMinutes } from './series-route.ts'

describe('chart buckets', () => {
  it('picks the smallest listed bucket that keeps a series within the points asked for', () => {
    expect(bucketMinutes(1440, 2000)).toBe(1)
    expect(bucketMinutes(1440, 500)).toBe(5)
    expect(bucketMinutes(1440, 48)).toBe(30)
    expect(bucketMinutes(31 * 1440, 500)).toBe(120)
    expect(bucketMinutes(400 * 1440, 10)).toBe(1440)
  })
})
