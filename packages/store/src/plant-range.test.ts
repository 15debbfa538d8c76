import { describe, expect, it } from 'vitest'
import { localDays, mapLimit, reportWindows } from './plant-range.ts'

describe('plant ranges', () => {
  it('spans whole local days from midnight to midnight, 23 or 25 hours on DST days', () => {
    expect(localDays('2025-06-01', '2025-06-30', 'Asia/Shanghai')).toEqual({ startMs: Date.parse('2025-05-31T16:00:00Z'), endMs: Date.parse('2025-06-30T16:00:00Z') })
    const spring = localDays('2026-03-29', '2026-03-29', 'Europe/Berlin')
    expect((spring.endMs - spring.startMs) / 3_600_000).toBe(23)
    const autumn = localDays('2026-10-25', '2026-10-25', 'Europe/Berlin')
    expect((autumn.endMs - autumn.startMs) / 3_600_000).toBe(25)
    expect(() => localDays('2026-3-1', '2026-03-02', 'UTC')).toThrow(/not a YYYY-MM-DD date/)
  })

  it('reports a range as one window, or as its local days clipped to it', () => {
    const range = { startMs: Date.parse('2025-06-01T22:00:00+08:00'), endMs: Date.parse('2025-06-03T06:00:00+08:00') }
    const base = { firm: 'f', plant: 'p', timeZone: 'Asia/Shanghai', range }
    expect(reportWindows(base)).toEqual([range])
    expect(reportWindows({ ...base, every: 'day' })).toEqual([
      { startMs: range.startMs, endMs: Date.parse('2025-06-02T00:00:00+08:00') },
      { startMs: Date.parse('2025-06-02T00:00:00+08:00'), endMs: Date.parse('2025-06-03T00:00:00+08:00') },
      { startMs: Date.parse('2025-06-03T00:00:00+08:00'), endMs: range.endMs },
    ])
  })

  it('runs at most `limit` tasks at once and keeps the order of the results', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, n))
      running -= 1
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(peak).toBe(2)
  })
})
