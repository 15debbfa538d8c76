import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatRfc3339, localParts, offsetMs, zonedTimeToUtc } from './zoned-time.ts'

const utc = (iso: string) => Date.parse(iso)

describe('zoned time', () => {
  it('formats RFC 3339 with the offset in force, also across a DST change and in a half-hour zone', () => {
    expect(formatRfc3339(utc('2026-03-02T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02T08:00:00.000+08:00')
    expect(formatRfc3339(utc('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000+01:00')
    expect(formatRfc3339(utc('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00.000+02:00')
    expect(formatRfc3339(utc('2026-07-01T00:00:00.250Z'), 'America/New_York')).toBe('2026-06-30T20:00:00.250-04:00')
    expect(formatRfc3339(utc('2026-07-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-07-01T05:30:00.000+05:30')
    expect(formatRfc3339(0, 'UTC')).toBe('1970-01-01T00:00:00.000Z')
  })

  it('formats an instant that parses back to itself, in any zone', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/St_Johns', 'Australia/Lord_Howe'), (ms, zone) => {
      expect(Date.parse(formatRfc3339(ms, zone))).toBe(ms)
    }))
    // Around a transition the formatted offset is the one in force at that very millisecond.
    const change = utc('2026-03-29T01:00:00Z')
    expect(formatRfc3339(change - 1, 'Europe/Berlin')).toBe('2026-03-29T01:59:59.999+01:00')
    expect(formatRfc3339(change, 'Europe/Berlin')).toBe('2026-03-29T03:00:00.000+02:00')

  })

  it('reads local fields and ISO weekday in the plant time zone', () => {
    const p = localParts(utc('2026-03-01T16:30:15.250Z'), 'Asia/Shanghai')
    expect(p).toEqual({ year: 2026, month: 3, day: 2, hour: 0, minute: 30, second: 15, millisecond: 250, weekday: 1 })
    expect(offsetMs(utc('2026-03-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000)
  })

  it('follows daylight-saving offsets', () => {
    expect(offsetMs(utc('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000)
    expect(offsetMs(utc('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000)
    expect(offsetMs(utc('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000)
  })

  it('maps a skipped wall time forward and a repeated one to its first occurrence', () => {
    // Europe/Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST; 2026-10-25: 03:00 CEST back to 02:00 CET.
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'))
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'))
    expect(zonedTimeToUtc({ year: 2026, month: 10, day: 25, hour: 3, minute: 0 }, 'Europe/Berlin')).toBe(utc('2026-10-25T02:00:00Z'))
  })

  it('rolls minutes past midnight over to the next local day', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 1, minute: 1440 + 6 * 60 }, 'Asia/Shanghai')).toBe(utc('2026-03-01T22:00:00Z'))
  })

  it('round-trips any instant through its local wall time, outside repeated hours', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']
    fc.assert(
      fc.property(fc.integer({ min: utc('2000-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }), fc.constantFrom(...zones), (tsMs, tz) => {
        const minuteMs = tsMs - (tsMs % 60_000)
        const p = localParts(minuteMs, tz)
        const back = zonedTimeToUtc(p, tz)
        // In a repeated hour the wall time names two instants; the first is returned.
        expect(back <= minuteMs).toBe(true)
        expect(localParts(back, tz)).toMatchObject({ year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute })
      }),
    )
  })

  it('keeps the offset whole at fractional instants, on both sides of 1970', () => {
    // Intl truncates -0.5 ms to 0 (05:30:00 in Kolkata) while the instant is 05:29:59.9995: the
    // offset came out a second off, and the tariff walk then spun forever on it (issue 9 §3).
    for (const t of [-0.5, 0.5, -1e-7, 999.5, 1772323200000.25]) expect(offsetMs(t, 'Asia/Kolkata'), String(t)).toBe(19_800_000)
  })
})
