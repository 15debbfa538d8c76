import { describe, expect, it } from 'vitest'
import { closedShiftPeriods, shiftPeriodsBetween, shiftQueryRange } from './shift-periods.ts'

const SH = 'Asia/Shanghai'
const TWO = { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 12 }, { id: 'b', name: 'B', start: '20:00', durationH: 12 }], nonWorkingWeekdays: [] }

describe('shift periods in the plant’s calendar and zone', () => {
  it('gives every shift that starts on the dates, the night shift on the date it starts', () => {
    const periods = shiftPeriodsBetween(TWO, SH, '2026-02-14', '2026-02-15')
    expect(periods.map((p) => p.id)).toEqual(['2026-02-14-a', '2026-02-14-b', '2026-02-15-a', '2026-02-15-b'])
    expect(periods[1]).toMatchObject({ from: '2026-02-14', to: '2026-02-14', shift: { id: 'b', name: 'B', startMs: Date.parse('2026-02-14T20:00:00+08:00'), endMs: Date.parse('2026-02-15T08:00:00+08:00') } })
    expect(() => shiftPeriodsBetween(TWO, SH, '2026-02-15', '2026-02-14')).toThrow(RangeError)
  })

  it('skips non-working weekdays', () => {
    // 2026-02-15 is a Sunday (ISO 7).
    expect(shiftPeriodsBetween({ ...TWO, nonWorkingWeekdays: [7] }, SH, '2026-02-14', '2026-02-15').map((p) => p.id)).toEqual(['2026-02-14-a', '2026-02-14-b'])
  })

  it('calls a shift due only once it has ended (as of now − settle), within the look-back', () => {
    const at = Date.parse('2026-02-15T08:10:00+08:00')
    expect(closedShiftPeriods(TWO, SH, at, 25 * 3_600_000).map((p) => p.id)).toEqual(['2026-02-14-a', '2026-02-14-b'])
    expect(closedShiftPeriods(TWO, SH, Date.parse('2026-02-15T07:59:00+08:00'), 25 * 3_600_000).map((p) => p.id)).toEqual(['2026-02-14-a'])
    // A shift that started before the look-back is not caught up.
    expect(closedShiftPeriods(TWO, SH, at, 24 * 3_600_000).map((p) => p.id)).toEqual(['2026-02-14-b'])
  })

  it('asks the API for the shift’s date and the next, so a night shift is whole', () => {
    expect(shiftQueryRange('2026-02-28')).toEqual({ from: '2026-02-28', to: '2026-03-01' })
  })
})
