import type { ShiftCalendar } from '@millstream/contract'
import { planSegments, type PlanSegment } from '@millstream/metrics'

export type CalendarKind = 'shift' | 'break' | 'unscheduled'

/** What the calendar says at an instant, and until when it keeps saying it. */
export interface CalendarPoint {
  kind: CalendarKind
  shiftId?: string
  untilMs: number
}

const DAY_MS = 86_400_000
/** How far ahead plan segments are computed at once; a point's `untilMs` looks no further. */
const HORIZON_MS = 8 * DAY_MS
const KIND: Record<PlanSegment['kind'], CalendarKind> = { shift: 'shift', break: 'break', non_scheduled: 'unscheduled' }

/**
 * The simulator's view of a plant's shift calendar: the plan of @millstream/metrics (shift
 * occurrences, breaks, non-working weekdays, DST, all in the plant's time zone), read as "what
 * is it now and until when". Back-to-back shifts read as one span of `shift`, so a plant that
 * works around the clock is never unscheduled. Queries move forward in time; the segments of the
 * next eight days are kept.
 */
export function createShiftCalendar(calendar: ShiftCalendar, timeZone: string): { at(ms: number): CalendarPoint } {
  let window = { startMs: 0, endMs: 0, segments: [] as PlanSegment[] }
  const segmentsFrom = (ms: number) => {
    if (ms < window.startMs || ms >= window.endMs - (HORIZON_MS - DAY_MS)) {
      window = { startMs: ms, endMs: ms + HORIZON_MS, segments: planSegments({ startMs: ms, endMs: ms + HORIZON_MS }, calendar, timeZone) }
    }
    return window
  }
  return {
    at(ms) {
      const { segments, endMs } = segmentsFrom(ms)
      let i = segments.findIndex((s) => s.startMs <= ms && ms < s.endMs)
      const current = segments[i] as PlanSegment
      const kind = KIND[current.kind]
      let untilMs = current.endMs
      while (segments[i + 1] && KIND[(segments[i + 1] as PlanSegment).kind] === kind) untilMs = (segments[++i] as PlanSegment).endMs
      // Nothing scheduled for the whole horizon: say so for a week, as a plant closed that long is.
      if (kind === 'unscheduled' && untilMs >= endMs) untilMs = ms + 7 * DAY_MS
      return { kind, ...(current.shiftId !== undefined && kind !== 'unscheduled' ? { shiftId: current.shiftId } : {}), untilMs }
    },
  }
}
