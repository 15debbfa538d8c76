import { calendarRange, epochMs, positive } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import type { Interval } from './interval.ts'
import { addDays, dateLabel, localParts, zonedTimeToUtc } from './zoned-time.ts'

/**
 * Structurally the registry's ShiftCalendar (packages/contract registry.ts), with the defaults
 * optional so tests and tools can write calendars by hand.
 */
export interface ShiftCalendarInput {
  shifts: readonly ShiftInput[]
  /** ISO weekdays (1 = Monday .. 7 = Sunday) on which no shift starts. */
  nonWorkingWeekdays?: readonly number[]
}
export interface ShiftInput {
  id: string
  name: string
  /** Local start 'HH:MM'. */
  start: string
  durationH: number
  breaks?: readonly { start: string; durationMin: number }[]
}

/** One occurrence of a shift on a local production date (the date on which it starts). */
export interface ShiftInstance extends Interval {
  shiftId: string
  name: string
  /** Local date the shift starts on, YYYY-MM-DD: night shifts belong to the day they start. */
  date: string
  breaks: Interval[]
}

/**
 * Shift occurrences that overlap [startMs, endMs). A shift's end and its breaks are wall-clock
 * times (start + durationH on the local clock), so shifts stay contiguous across DST changes: the
 * night shift of the spring-forward night lasts 7 real hours, the autumn one 9, and the next shift
 * still starts at its printed time. Shifts starting on a non-working weekday do not occur.
 */
export function shiftInstances(range: Interval, calendar: ShiftCalendarInput, timeZone: string): ShiftInstance[] {
  calendarRange('range', range)
  checkCalendar(calendar)
  const longestH = Math.max(...calendar.shifts.map((s) => s.durationH))
  // A shift that started up to `longestH` (plus a day of slack for the start time) ago may still run.
  const first = localParts(range.startMs - (longestH + 24) * 3_600_000, timeZone)
  const last = localParts(range.endMs, timeZone)
  const instances: ShiftInstance[] = []
  const offWeekdays = new Set(calendar.nonWorkingWeekdays ?? [])
  for (let i = 0; ; i++) {
    const date = addDays(first, i)
    if (dateLabel(date.year, date.month, date.day) > dateLabel(last.year, last.month, last.day)) break
    if (offWeekdays.has(date.weekday)) continue
    for (const shift of calendar.shifts) {
      const instance = instanceOn(date, shift, timeZone)
      if (instance.endMs > range.startMs && instance.startMs < range.endMs) instances.push(instance)
    }
  }
  return instances.sort((a, b) => a.startMs - b.startMs)
}

function instanceOn(date: { year: number; month: number; day: number }, shift: ShiftInput, timeZone: string): ShiftInstance {
  const startMin = minutesOf(shift.start)
  const at = (minute: number) => zonedTimeToUtc({ ...date, minute }, timeZone)
  const endMin = startMin + Math.round(shift.durationH * 60)
  const breaks = (shift.breaks ?? []).map((b) => {
    // A break belongs to the first occurrence of its clock time at or after the shift start.
    const breakMin = minutesOf(b.start) + (minutesOf(b.start) < startMin ? 1440 : 0)
    return { startMs: at(breakMin), endMs: at(Math.min(breakMin + b.durationMin, endMin)) }
  })
  return {
    shiftId: shift.id,
    name: shift.name,
    date: dateLabel(date.year, date.month, date.day),
    startMs: at(startMin),
    endMs: at(endMin),
    breaks: breaks.filter((b) => b.endMs > b.startMs),
  }
}

/**
 * The shift that covers `tsMs`, or null when no shift is scheduled then. Where two occurrences
 * overlap (a misconfigured calendar), the one that started last has taken over.
 */
export function shiftAt(tsMs: number, calendar: ShiftCalendarInput, timeZone: string): ShiftInstance | null {
  epochMs('tsMs', tsMs)
  const covering = shiftInstances({ startMs: tsMs, endMs: tsMs + 1 }, calendar, timeZone).filter((s) => s.startMs <= tsMs && tsMs < s.endMs)
  return covering.at(-1) ?? null
}

export function minutesOf(hhmm: string, argument = 'time'): number {
  const match = typeof hhmm === 'string' ? /^(\d{2}):(\d{2})$/.exec(hhmm) : null
  const h = Number(match?.[1])
  const m = Number(match?.[2])
  if (!match || h > 23 || m > 59) throw new MetricsInputError(argument, 'must be a local time HH:MM (00:00-23:59)', hhmm)
  return h * 60 + m
}

/** A calendar the walk can use: at least one shift, each 0-24 h long with breaks inside it. */
function checkCalendar(calendar: ShiftCalendarInput): void {
  if (!calendar || !Array.isArray(calendar.shifts) || calendar.shifts.length === 0) throw new MetricsInputError('calendar.shifts', 'must list at least one shift', calendar)
  calendar.shifts.forEach((shift, i) => {
    const at = `calendar.shifts[${i}]`
    minutesOf(shift.start, `${at}.start`)
    if (positive(`${at}.durationH`, shift.durationH) > 24) throw new MetricsInputError(`${at}.durationH`, 'a shift cannot last more than 24 h', shift.durationH)
    for (const [j, b] of (shift.breaks ?? []).entries()) {
      minutesOf(b.start, `${at}.breaks[${j}].start`)
      positive(`${at}.breaks[${j}].durationMin`, b.durationMin)
    }
  })
}
