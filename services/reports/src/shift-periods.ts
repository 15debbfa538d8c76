import { shiftInstances, zonedTimeToUtc, type ShiftCalendarInput, type ShiftInstance } from '@millstream/metrics'
import type { Period } from './report-periods.ts'

/** A shift report's period: the shift's local date (from = to) and the shift itself. */
export interface ShiftPeriod extends Period {
  shift: { id: string; name: string; startMs: number; endMs: number }
}

const wallMidnight = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return { year, month, day, hour: 0, minute: 0 }
}
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

const periodOf = (s: ShiftInstance): ShiftPeriod => ({ id: `${s.date}-${s.shiftId}`, from: s.date, to: s.date, shift: { id: s.shiftId, name: s.name, startMs: s.startMs, endMs: s.endMs } })

/**
 * Every shift of the plant's calendar that starts on a local date from `from` to `to` (night shifts
 * belong to the date they start on, as in the API's granularity=shift); @millstream/metrics
 * shiftInstances lays the calendar on the zone, DST included.
 */
export function shiftPeriodsBetween(calendar: ShiftCalendarInput, timeZone: string, from: string, to: string): ShiftPeriod[] {
  if (to < from) throw new RangeError(`--to ${to} is before --from ${from}`)
  const range = { startMs: zonedTimeToUtc(wallMidnight(from), timeZone), endMs: zonedTimeToUtc(wallMidnight(nextDate(to)), timeZone) }
  return shiftInstances(range, calendar, timeZone).filter((s) => s.date >= from && s.date <= to).sort((a, b) => a.startMs - b.startMs).map(periodOf)
}

/** The shifts that ended by `asOfMs` and started within `lookBackMs` before it: the shift reports that are due. */
export function closedShiftPeriods(calendar: ShiftCalendarInput, timeZone: string, asOfMs: number, lookBackMs: number): ShiftPeriod[] {
  return shiftInstances({ startMs: asOfMs - lookBackMs, endMs: asOfMs }, calendar, timeZone)
    .filter((s) => s.endMs <= asOfMs && s.startMs >= asOfMs - lookBackMs).sort((a, b) => a.startMs - b.startMs).map(periodOf)
}

/** The API range that holds a whole shift starting on `date` (its night part runs into the next day). */
export const shiftQueryRange = (date: string) => ({ from: date, to: nextDate(date) })
