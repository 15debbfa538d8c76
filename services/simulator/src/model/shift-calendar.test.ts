import { describe, expect, it } from 'vitest'
import { createShiftCalendar } from './shift-calendar.ts'

const at = (local: string) => Date.parse(`${local}+08:00`)
const garment = {
  shifts: [{ id: 'day', name: 'Day', start: '07:30', durationH: 13, breaks: [{ start: '11:30', durationMin: 90 }, { start: '17:30', durationMin: 60 }] }],
  nonWorkingWeekdays: [7],
}
const threeShifts = {
  shifts: [
    { id: 'a', name: 'A', start: '08:00', durationH: 8, breaks: [{ start: '12:00', durationMin: 30 }] },
    { id: 'b', name: 'B', start: '16:00', durationH: 8, breaks: [] },
    { id: 'c', name: 'C', start: '00:00', durationH: 8, breaks: [] },
  ],
  nonWorkingWeekdays: [],
}
const nightShift = {
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', durationH: 12, breaks: [] },
    { id: 'night', name: 'Night', start: '20:00', durationH: 12, breaks: [{ start: '00:00', durationMin: 60 }] },
  ],
  nonWorkingWeekdays: [],
}

describe('createShiftCalendar', () => {
  it('knows shifts, breaks and unscheduled time of a garment day shift in the plant time zone', () => {
    const cal = createShiftCalendar(garment, 'Asia/Shanghai')
    // 2026-03-02 is a Monday.
    expect(cal.at(at('2026-03-02T07:00:00'))).toEqual({ kind: 'unscheduled', untilMs: at('2026-03-02T07:30:00') })
    expect(cal.at(at('2026-03-02T09:00:00'))).toEqual({ kind: 'shift', shiftId: 'day', untilMs: at('2026-03-02T11:30:00') })
    expect(cal.at(at('2026-03-02T12:00:00'))).toEqual({ kind: 'break', shiftId: 'day', untilMs: at('2026-03-02T13:00:00') })
    expect(cal.at(at('2026-03-02T20:29:59'))).toMatchObject({ kind: 'shift', untilMs: at('2026-03-02T20:30:00') })
  })

  it('schedules nothing on non-working weekdays', () => {
    const cal = createShiftCalendar(garment, 'Asia/Shanghai')
    expect(cal.at(at('2026-03-07T21:00:00'))).toEqual({ kind: 'unscheduled', untilMs: at('2026-03-09T07:30:00') })
  })

  it('runs a night shift and its break past midnight', () => {
    const cal = createShiftCalendar(nightShift, 'Asia/Shanghai')
    expect(cal.at(at('2026-03-03T00:30:00'))).toEqual({ kind: 'break', shiftId: 'night', untilMs: at('2026-03-03T01:00:00') })
    expect(cal.at(at('2026-03-03T02:00:00'))).toMatchObject({ kind: 'shift', shiftId: 'night' })
  })

  it('merges back-to-back shifts so a continuous plant is never unscheduled', () => {
    const cal = createShiftCalendar(threeShifts, 'Asia/Shanghai')
    expect(cal.at(at('2026-03-02T13:00:00'))).toEqual({ kind: 'shift', shiftId: 'a', untilMs: at('2026-03-03T12:00:00') })
    for (let h = 0; h < 72; h += 0.5) expect(cal.at(at('2026-03-02T00:00:00') + h * 3_600_000).kind).not.toBe('unscheduled')
  })
})
