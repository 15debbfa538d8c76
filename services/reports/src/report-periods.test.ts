import { describe, expect, it } from 'vitest'
import { closedPeriods, monthPeriod, periodsBetween } from './report-periods.ts'
import { dailyCron } from './report-schedule.ts'

const SH = 'Asia/Shanghai'

describe('report periods', () => {
  it('reports a month whole, with its last local day, leap years included', () => {
    expect(monthPeriod('2026-02')).toEqual({ id: '2026-02', from: '2026-02-01', to: '2026-02-28' })
    expect(monthPeriod('2028-02').to).toBe('2028-02-29')
    expect(monthPeriod('2026-12').to).toBe('2026-12-31')
  })

  it('gives every day of a range, and every month with a day in it', () => {
    expect(periodsBetween('daily-summary', '2026-02-27', '2026-03-02').map((p) => p.id)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(periodsBetween('energy-monthly', '2026-01-31', '2026-03-01').map((p) => p.id)).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(() => periodsBetween('daily-summary', '2026-03-02', '2026-03-01')).toThrow(RangeError)
  })

  it('closes a day at local midnight and a month with its last day, in the plant’s zone', () => {
    // 2026-03-01 00:30 in Shanghai is still 2026-02-28 in UTC: the zone decides.
    const now = Date.parse('2026-03-01T00:30:00+08:00')
    expect(closedPeriods('daily-summary', now, 2 * 86_400_000, SH).map((p) => p.id)).toEqual(['2026-02-27', '2026-02-28'])
    expect(closedPeriods('energy-monthly', now, 2 * 86_400_000, SH).map((p) => p.id)).toEqual(['2026-02'])
    expect(closedPeriods('energy-monthly', Date.parse('2026-02-28T23:30:00+08:00'), 2 * 86_400_000, SH)).toEqual([])
    expect(closedPeriods('daily-summary', now, 2 * 86_400_000, 'UTC').map((p) => p.id)).toEqual(['2026-02-26', '2026-02-27'])
  })

  it('runs the daily job at local midnight plus the settle delay, which must stay under a day', () => {
    expect(dailyCron(120 * 60_000)).toBe('0 2 * * *')
    expect(dailyCron(95 * 60_000)).toBe('35 1 * * *')
    expect(() => dailyCron(24 * 3_600_000)).toThrow(RangeError)
  })
})
