import { describe, expect, it } from 'vitest'
import { clockProgress } from './clock-progress.ts'

const base = { streamTimeMs: 1_000_000, caughtUp: true, lastInputAtMs: 5_000_000, idleAdvanceMs: 5_000 }

describe('clock progress', () => {
  it('is the stream time while records flow or the partition is behind', () => {
    expect(clockProgress({ ...base, nowMs: 5_003_000 })).toBe(1_000_000)
    expect(clockProgress({ ...base, caughtUp: false, nowMs: 9_000_000 })).toBe(1_000_000)
  })

  it('moves an idle, caught-up partition on at wall-clock speed, never past the clock', () => {
    expect(clockProgress({ ...base, nowMs: 5_065_000 })).toBe(1_060_000)
    expect(clockProgress({ ...base, streamTimeMs: 5_000_000, nowMs: 5_010_000 })).toBe(5_005_000)
    expect(clockProgress({ ...base, streamTimeMs: 6_000_000, nowMs: 5_100_000 })).toBe(6_000_000)
  })
})
