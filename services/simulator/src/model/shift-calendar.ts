import type { ShiftCalendar } from '@millstream/contract'
import { localDay, localToInstantMs } from './zoned-time.ts'

export type CalendarKind = 'shift' | 'break' | 'unscheduled'

/** What the calendar says at an instant, and until when it keeps saying it. */
export interface CalendarPoint {
  kind: CalendarKind
  shiftId?: string
  untilMs: number
}

interface Interval {
  startMs: number
  endMs: number
  kind: 'shift' | 'break'
  shiftId: string
}

const DAY_MS = 86_400_000
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/**
 * A plant's shift calendar in its time zone: shifts start on local days that are working days;
 * a shift may run past midnight; breaks are carved out of the shift that contains them.
 */
export function createShiftCalendar(calendar: ShiftCalendar, timeZone: string): { at(ms: number): CalendarPoint } {
  const cache = new Map<number, Interval[]>()

  function intervalsStartingOn(dayMs: number): Interval[] {
    const cached = cache.get(dayMs)
    if (cached) return cached
    const out: Interval[] = []
    const weekday = new Date(dayMs).getUTCDay() || 7
    if (!calendar.nonWorkingWeekdays.includes(weekday)) {
      for (const shift of calendar.shifts) {
        const startMin = minutes(shift.start)
        const endMin = startMin + shift.durationH * 60
        const breaks = shift.breaks
          .map((b) => ({ from: startMin + ((minutes(b.start) - startMin + 1440) % 1440), durationMin: b.durationMin }))
          .filter((b) => b.from < endMin)
          .sort((x, y) => x.from - y.from)
        let at = startMin
        const push = (kind: Interval['kind'], fromMin: number, toMin: number) => {
          if (toMin > fromMin) out.push({ kind, shiftId: shift.id, startMs: localToInstantMs(dayMs, fromMin, timeZone), endMs: localToInstantMs(dayMs, toMin, timeZone) })
        }
        for (const b of breaks) {
          push('shift', at, b.from)
          push('break', Math.max(at, b.from), Math.min(endMin, b.from + b.durationMin))
          at = Math.max(at, Math.min(endMin, b.from + b.durationMin))
        }
        push('shift', at, endMin)
      }
    }
    out.sort((x, y) => x.startMs - y.startMs)
    if (cache.size > 64) cache.clear()
    cache.set(dayMs, out)
    return out
  }

  return {
    at(ms) {
      const { dayMs } = localDay(ms, timeZone)
      // Shifts may last up to 24 h and start the day before.
      const nearby = [...intervalsStartingOn(dayMs - DAY_MS), ...intervalsStartingOn(dayMs)]
      const current = nearby.find((i) => i.startMs <= ms && ms < i.endMs)
      if (current) {
        // Adjacent intervals of the same kind (one shift ending as the next starts) merge.
        let untilMs = current.endMs
        for (let day = dayMs - DAY_MS; day <= dayMs + 2 * DAY_MS; day += DAY_MS) {
          for (const i of intervalsStartingOn(day)) if (i.kind === current.kind && i.startMs <= untilMs && i.endMs > untilMs) untilMs = i.endMs
        }
        return { kind: current.kind, shiftId: current.shiftId, untilMs }
      }
      for (let day = dayMs; day <= dayMs + 8 * DAY_MS; day += DAY_MS) {
        const next = intervalsStartingOn(day).find((i) => i.startMs > ms)
        if (next) return { kind: 'unscheduled', untilMs: next.startMs }
      }
      return { kind: 'unscheduled', untilMs: ms + 7 * DAY_MS }
    },
  }
}
