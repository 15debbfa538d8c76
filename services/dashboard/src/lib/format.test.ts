import { describe, expect, it } from 'vitest'
import { addDays, datesBetween, durationParts, formatPercent, localDate } from './format.ts'

describe('dashboard formatting', () => {
  it('reads the local date in the plant time zone, not the browser one', () => {
    // 2026-12-01T17:30Z is already 2 December in Shanghai (UTC+8).
    expect(localDate(Date.UTC(2026, 11, 1, 17, 30), 'Asia/Shanghai')).toBe('2026-12-02')
    expect(localDate(Date.UTC(2026, 11, 1, 15, 59), 'Asia/Shanghai')).toBe('2026-12-01')
  })
  it('moves dates across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
  it('shows a ratio as a percentage and an uncomputable one as a dash, never as 0', () => {
    expect(formatPercent('en', 0.8347)).toBe('83.5 %')
    expect(formatPercent('en', null)).toBe('—')
  })
  it('splits durations into the largest two units', () => {
    expect(durationParts(3_723_000)).toMatchObject({ key: 'hm', h: 1, m: 2 })
    expect(durationParts(61_000)).toMatchObject({ key: 'ms', m: 1, s: 1 })
    expect(durationParts(-5)).toMatchObject({ key: 's', s: 0 })
  })
})

describe('chart days', () => {
  it('lists every date of a range, across a month end, both ends included', () => {
    expect(datesBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'])
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([])
  })
})
