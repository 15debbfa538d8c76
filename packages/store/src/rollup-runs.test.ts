import { describe, expect, it } from 'vitest'
import { hourRuns } from './rollup-runs.ts'

const H = 3_600_000
const T0 = Date.parse('2025-06-15T00:00:00+08:00')
const hours = { startMs: T0, endMs: T0 + 6 * H }

describe('hourRuns', () => {
  it('reads every hour from the roll-up when each has one', () => {
    const all = new Set([0, 1, 2, 3, 4, 5].map((i) => T0 + i * H))
    expect(hourRuns(hours, 'Asia/Shanghai', all)).toEqual([{ range: hours, rolledUp: true }])
  })

  it('falls back to the machines for the hours without a roll-up, and only for them', () => {
    const some = new Set([2, 3, 5].map((i) => T0 + i * H))
    expect(hourRuns(hours, 'Asia/Shanghai', some)).toEqual([
      { range: { startMs: T0, endMs: T0 + 2 * H }, rolledUp: false },
      { range: { startMs: T0 + 2 * H, endMs: T0 + 4 * H }, rolledUp: true },
      { range: { startMs: T0 + 4 * H, endMs: T0 + 5 * H }, rolledUp: false },
      { range: { startMs: T0 + 5 * H, endMs: T0 + 6 * H }, rolledUp: true },
    ])
  })

  it('reads the whole stretch from the machines when the runs would be too many', () => {
    const alternate = new Set([0, 2, 4].map((i) => T0 + i * H))
    expect(hourRuns(hours, 'Asia/Shanghai', alternate, 3)).toEqual([{ range: hours, rolledUp: false }])
  })

  it('covers the hours exactly, with no gap or overlap, whatever is rolled up', () => {
    for (let mask = 0; mask < 64; mask++) {
      const set = new Set([0, 1, 2, 3, 4, 5].filter((i) => mask & (1 << i)).map((i) => T0 + i * H))
      const runs = hourRuns(hours, 'Asia/Shanghai', set)
      expect(runs[0]?.range.startMs).toBe(hours.startMs)
      expect(runs.at(-1)?.range.endMs).toBe(hours.endMs)
      for (let i = 1; i < runs.length; i++) expect(runs[i]?.range.startMs).toBe(runs[i - 1]?.range.endMs)
    }
  })
})
