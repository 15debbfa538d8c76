import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { localWindow, localWindows, localWindowStart, WINDOW_UNITS } from './local-window.ts'

const utc = (iso: string) => Date.parse(iso)
const H = 3_600_000

describe('local windows', () => {
  it('start days at local midnight in the plant time zone', () => {
    expect(localWindowStart(utc('2026-03-01T15:59:59Z'), 'day', 'Asia/Shanghai')).toBe(utc('2026-02-28T16:00:00Z'))
    expect(localWindowStart(utc('2026-03-01T16:00:00Z'), 'day', 'Asia/Shanghai')).toBe(utc('2026-03-01T16:00:00Z'))
  })

  it.each([
    ['Europe/Berlin', '2026-03-29T12:00:00Z', 23],
    ['Europe/Berlin', '2026-10-25T12:00:00Z', 25],
    ['America/New_York', '2026-03-08T12:00:00Z', 23],
    ['America/New_York', '2026-11-01T12:00:00Z', 25],
    ['Asia/Shanghai', '2026-03-29T12:00:00Z', 24],
  ])('give a daylight-saving day its real length (%s, %s: %i h)', (tz, iso, hours) => {
    const day = localWindow(utc(iso), 'day', tz)
    expect(day.endMs - day.startMs).toBe(hours * H)
    expect(localWindows(day, 'hour', tz)).toHaveLength(hours)
  })

  it('start a day whose midnight is skipped at its first real instant', () => {
    // America/Santiago 2025-09-07: clocks jump from 00:00 to 01:00 (-04 to -03).
    expect(localWindow(Date.parse('2025-09-07T12:00:00Z'), 'day', 'America/Santiago')).toEqual({ startMs: Date.parse('2025-09-07T04:00:00Z'), endMs: Date.parse('2025-09-08T03:00:00Z') })
  })

  it('keep both passes of a repeated hour as separate hour windows', () => {
    // Berlin 2026-10-25: local 02:00-03:00 happens at 00:00Z (CEST) and again at 01:00Z (CET).
    expect(localWindow(utc('2026-10-25T00:30:00Z'), 'hour', 'Europe/Berlin')).toEqual({ startMs: utc('2026-10-25T00:00:00Z'), endMs: utc('2026-10-25T01:00:00Z') })
    expect(localWindow(utc('2026-10-25T01:30:00Z'), 'hour', 'Europe/Berlin')).toEqual({ startMs: utc('2026-10-25T01:00:00Z'), endMs: utc('2026-10-25T02:00:00Z') })
  })

  it('start hours at local minute 0 in half-hour offset zones', () => {
    expect(localWindowStart(utc('2026-03-01T10:15:00Z'), 'hour', 'Asia/Kolkata')).toBe(utc('2026-03-01T09:30:00Z'))
  })

  it('start weeks on local Monday and months on the first', () => {
    // 2026-03-04 is a Wednesday.
    expect(localWindowStart(utc('2026-03-04T12:00:00Z'), 'week', 'Asia/Shanghai')).toBe(utc('2026-03-01T16:00:00Z'))
    expect(localWindow(utc('2026-02-10T12:00:00Z'), 'month', 'Asia/Shanghai')).toEqual({ startMs: utc('2026-01-31T16:00:00Z'), endMs: utc('2026-02-28T16:00:00Z') })
    expect(localWindow(utc('2026-12-10T12:00:00Z'), 'month', 'Europe/Berlin').endMs).toBe(utc('2026-12-31T23:00:00Z'))
  })

  it('partition any range exactly, each window aligned on its local unit', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2025-01-01T00:00:00Z'), max: utc('2027-01-01T00:00:00Z') }),
        fc.integer({ min: 1, max: 40 * 24 * H }),
        fc.constantFrom(...WINDOW_UNITS),
        fc.constantFrom(...zones),
        (startMs, lengthMs, unit, tz) => {
          const range = { startMs, endMs: startMs + (unit === 'minute' ? Math.min(lengthMs, 6 * H) : lengthMs) }
          const windows = localWindows(range, unit, tz)
          expect(windows[0]?.startMs).toBe(range.startMs)
          expect(windows.at(-1)?.endMs).toBe(range.endMs)
          for (let i = 1; i < windows.length; i++) {
            const w = windows[i]!
            expect(w.startMs).toBe(windows[i - 1]!.endMs)
            expect(localWindowStart(w.startMs, unit, tz)).toBe(w.startMs)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
