import { calendarRange } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import type { Interval } from './interval.ts'
import { addDays, localParts, zonedTimeToUtc } from './zoned-time.ts'

/** Calendar windows in a plant's time zone. Shifts come from the shift calendar (shift-calendar.ts). */
export const WINDOW_UNITS = ['minute', 'hour', 'day', 'week', 'month'] as const
export type WindowUnit = (typeof WINDOW_UNITS)[number]

/**
 * Start of the local window that contains `tsMs`. Minutes and hours are cut on the local clock
 * of that instant, so in a repeated hour (clocks going back) each pass is its own 60-minute
 * window and in zones with half-hour offsets an hour starts at hh:30 UTC; days, weeks (ISO,
 * from Monday) and months start at local midnight, so a DST day lasts 23 or 25 hours.
 */
export function localWindowStart(tsMs: number, unit: WindowUnit, timeZone: string): number {
  windowUnit(unit)
  const p = localParts(tsMs, timeZone)
  const secondsMs = p.second * 1000 + p.millisecond
  switch (unit) {
    case 'minute':
      return tsMs - secondsMs
    case 'hour':
      return tsMs - p.minute * 60_000 - secondsMs
    case 'day':
      return startOfLocalDay(p, timeZone)
    case 'week':
      return startOfLocalDay(addDays(p, 1 - p.weekday), timeZone)
    case 'month':
      return startOfLocalDay({ year: p.year, month: p.month, day: 1 }, timeZone)
  }
}

/** The local window [start, end) that contains `tsMs`. */
export function localWindow(tsMs: number, unit: WindowUnit, timeZone: string): Interval {
  const startMs = localWindowStart(tsMs, unit, timeZone)
  return { startMs, endMs: nextWindowStart(startMs, unit, timeZone) }
}

/** Consecutive local windows of one unit that together cover [fromMs, toMs), clipped to it. */
export function localWindows(range: Interval, unit: WindowUnit, timeZone: string): Interval[] {
  calendarRange('range', range)
  windowUnit(unit)
  // Minutes over a year would be half a million windows: a caller that wants them has a bug.
  if ((range.endMs - range.startMs) / MIN_WINDOW_MS[unit] > MAX_WINDOWS) throw new MetricsInputError('range', `holds more than ${MAX_WINDOWS} ${unit} windows`, range)
  const windows: Interval[] = []
  let startMs = range.startMs
  while (startMs < range.endMs) {
    const endMs = Math.min(nextWindowStart(startMs, unit, timeZone), range.endMs)
    windows.push({ startMs, endMs })
    startMs = endMs
  }
  return windows
}

const MAX_WINDOWS = 100_000
/** The shortest a window of each unit can be (a DST day is 23 h, February 28 days). */
const MIN_WINDOW_MS: Record<WindowUnit, number> = { minute: 60_000, hour: 3_600_000, day: 82_800_000, week: 601_200_000, month: 2_415_600_000 }

function windowUnit(unit: unknown): void {
  if (!(WINDOW_UNITS as readonly unknown[]).includes(unit)) throw new MetricsInputError('unit', `must be one of ${WINDOW_UNITS.join(', ')}`, unit)
}

function nextWindowStart(tsMs: number, unit: WindowUnit, timeZone: string): number {
  const startMs = localWindowStart(tsMs, unit, timeZone)
  // Minutes and hours are elapsed time from their local start; only in a zone whose offset moves
  // by a part of an hour (Australia/Lord_Howe) can an hour then straddle two local hours.
  if (unit === 'minute') return startMs + 60_000
  if (unit === 'hour') return startMs + 3_600_000
  let date = localParts(startMs, timeZone)
  for (;;) {
    const next = unit === 'day' ? addDays(date, 1) : unit === 'week' ? addDays(date, 7) : firstOfNextMonth(date)
    const nextMs = startOfLocalDay(next, timeZone)
    // A local date skipped entirely (Pacific/Apia, 2011-12-30) would map backwards: step past it.
    if (nextMs > tsMs) return nextMs
    date = { ...date, ...next }
  }
}

function firstOfNextMonth(date: { year: number; month: number }): { year: number; month: number; day: number } {
  return { year: date.month === 12 ? date.year + 1 : date.year, month: (date.month % 12) + 1, day: 1 }
}

/** First instant of a local date: local midnight, or the end of a DST gap that swallows it. */
function startOfLocalDay(date: { year: number; month: number; day: number }, timeZone: string): number {
  return zonedTimeToUtc({ year: date.year, month: date.month, day: date.day }, timeZone)
}
