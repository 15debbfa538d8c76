import { shiftCalendarSchema } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { planSegments } from './plan-segments.ts'
import { shiftAt, shiftInstances, type ShiftCalendarInput } from './shift-calendar.ts'

const utc = (iso: string) => Date.parse(iso)
const H = 3_600_000
const SH = 'Asia/Shanghai'

// A registry calendar parsed by the contract is accepted as is (structural compatibility).
const threeShifts = shiftCalendarSchema.parse({
  shifts: [
    { id: 'a', name: 'Morning', start: '06:00', durationH: 8, breaks: [{ start: '10:00', durationMin: 30 }] },
    { id: 'b', name: 'Afternoon', start: '14:00', durationH: 8, breaks: [{ start: '18:00', durationMin: 30 }] },
    { id: 'c', name: 'Night', start: '22:00', durationH: 8, breaks: [{ start: '02:00', durationMin: 30 }] },
  ],
})
const midnightShifts: ShiftCalendarInput = {
  shifts: [
    { id: 'a', name: 'A', start: '00:00', durationH: 8 },
    { id: 'b', name: 'B', start: '08:00', durationH: 8 },
    { id: 'c', name: 'C', start: '16:00', durationH: 8 },
  ],
}
const twoShifts: ShiftCalendarInput = {
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', durationH: 12, breaks: [{ start: '12:00', durationMin: 60 }] },
    { id: 'night', name: 'Night', start: '20:00', durationH: 12, breaks: [{ start: '00:00', durationMin: 60 }] },
  ],
  nonWorkingWeekdays: [7],
}

describe('shift calendar', () => {
  it('puts a night shift on the production date it starts', () => {
    // 2026-03-02 05:59 local is still the night shift that began on 2026-03-01 at 22:00.
    const night = shiftAt(utc('2026-03-01T21:59:00Z'), threeShifts, SH)
    expect(night).toMatchObject({ shiftId: 'c', date: '2026-03-01', startMs: utc('2026-03-01T14:00:00Z'), endMs: utc('2026-03-01T22:00:00Z') })
    expect(night?.breaks).toEqual([{ startMs: utc('2026-03-01T18:00:00Z'), endMs: utc('2026-03-01T18:30:00Z') }])
    expect(shiftAt(utc('2026-03-01T22:00:00Z'), threeShifts, SH)).toMatchObject({ shiftId: 'a', date: '2026-03-02' })
  })

  it('changes shift exactly at local midnight', () => {
    expect(shiftAt(utc('2026-03-01T15:59:59.999Z'), midnightShifts, SH)).toMatchObject({ shiftId: 'c', date: '2026-03-01' })
    expect(shiftAt(utc('2026-03-01T16:00:00Z'), midnightShifts, SH)).toMatchObject({ shiftId: 'a', date: '2026-03-02' })
  })

  it('ends shifts on the wall clock, so DST nights are 7 or 9 hours long', () => {
    const tz = 'Europe/Berlin'
    const spring = shiftAt(utc('2026-03-29T02:00:00Z'), threeShifts, tz)
    expect(spring).toMatchObject({ shiftId: 'c', date: '2026-03-28' })
    expect(spring!.endMs - spring!.startMs).toBe(7 * H)
    const autumn = shiftAt(utc('2026-10-25T02:00:00Z'), threeShifts, tz)
    expect(autumn!.endMs - autumn!.startMs).toBe(9 * H)
    expect(shiftAt(autumn!.endMs, threeShifts, tz)).toMatchObject({ shiftId: 'a', date: '2026-10-25' })
  })

  it('schedules no shift starting on a non-working weekday', () => {
    // 2026-03-08 is a Sunday: only Saturday's night shift runs into it, until 08:00.
    const sunday = { startMs: utc('2026-03-07T16:00:00Z'), endMs: utc('2026-03-08T16:00:00Z') }
    const segments = planSegments(sunday, twoShifts, SH)
    expect(segments.map((s) => [s.kind, s.shiftId, (s.endMs - s.startMs) / H])).toEqual([
      ['break', 'night', 1],
      ['shift', 'night', 7],
      ['non_scheduled', undefined, 16],
    ])
    expect(shiftInstances(sunday, twoShifts, SH).map((s) => `${s.date}/${s.shiftId}`)).toEqual(['2026-03-07/night'])
  })

  it('cuts a working day into shifts and breaks that cover it exactly', () => {
    const day = { startMs: utc('2026-03-02T16:00:00Z'), endMs: utc('2026-03-03T16:00:00Z') }
    const segments = planSegments(day, threeShifts, SH)
    const hoursBy = (kind: string) => segments.filter((s) => s.kind === kind).reduce((h, s) => h + (s.endMs - s.startMs) / H, 0)
    expect(hoursBy('shift')).toBe(22.5)
    expect(hoursBy('break')).toBe(1.5)
    expect(hoursBy('non_scheduled')).toBe(0)
    expect(segments[0]).toMatchObject({ kind: 'shift', shiftId: 'c', date: '2026-03-02', startMs: day.startMs })
  })

  it('treats every hour as planned when a plant has no calendar', () => {
    const range = { startMs: 0, endMs: 5 * H }
    expect(planSegments(range, undefined, SH)).toEqual([{ ...range, kind: 'shift' }])
  })
})
