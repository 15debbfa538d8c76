import { calendarRange, interval } from '../input/check-number.ts'
import type { Interval } from './interval.ts'
import { shiftInstances, type ShiftCalendarInput, type ShiftInstance } from './shift-calendar.ts'

/**
 * What the plan says about a span of time (ISO 22400-2 [S4]): inside a shift it is planned
 * operation time (POT); a planned break is planned down time inside POT; outside every shift
 * (nights not worked, non-working weekdays) it is non-scheduled time, outside POT.
 */
export const PLAN_KINDS = ['shift', 'break', 'non_scheduled'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]

export interface PlanSegment extends Interval {
  kind: PlanKind
  /** Shift id and production date for `shift` and `break` segments. */
  shiftId?: string
  date?: string
}

/**
 * Contiguous plan segments covering `range` exactly. Without a calendar the whole range is one
 * `shift` segment: a machine whose plant has no calendar is taken as planned around the clock.
 */
export function planSegments(range: Interval, calendar: ShiftCalendarInput | undefined, timeZone: string): PlanSegment[] {
  if (calendar) calendarRange('range', range)
  else interval('range', range)
  if (range.endMs <= range.startMs) return []
  if (!calendar) return [{ ...range, kind: 'shift' }]
  const instances = shiftInstances(range, calendar, timeZone)
  const cuts = new Set([range.startMs, range.endMs])
  for (const s of instances) for (const t of [s.startMs, s.endMs, ...s.breaks.flatMap((b) => [b.startMs, b.endMs])]) {
    if (t > range.startMs && t < range.endMs) cuts.add(t)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const longestMs = instances.reduce((max, s) => Math.max(max, s.endMs - s.startMs), 0)
  const segments: PlanSegment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const startMs = points[i] as number
    const endMs = points[i + 1] as number
    const next = classify(startMs, instances, { startMs, endMs }, longestMs)
    const prev = segments.at(-1)
    if (prev && prev.kind === next.kind && prev.shiftId === next.shiftId && prev.date === next.date) prev.endMs = endMs
    else segments.push(next)
  }
  return segments
}

/**
 * Plan of the elementary span starting at `tsMs` (no cut falls inside it). `instances` are sorted
 * by start; the occurrence that started last wins an overlap (it has taken over the machine), so
 * the search walks back from the last start at or before `tsMs`, and stops where no occurrence
 * could reach `tsMs` any more: linear in the range, not quadratic.
 */
function classify(tsMs: number, instances: readonly ShiftInstance[], span: Interval, longestMs: number): PlanSegment {
  let owner: ShiftInstance | undefined
  for (let i = lastStartAtOrBefore(instances, tsMs); i >= 0; i--) {
    const s = instances[i] as ShiftInstance
    if (s.startMs + longestMs <= tsMs) break
    if (tsMs < s.endMs) {
      owner = s
      break
    }
  }
  if (!owner) return { ...span, kind: 'non_scheduled' }
  const inBreak = owner.breaks.some((b) => b.startMs <= tsMs && tsMs < b.endMs)
  return { ...span, kind: inBreak ? 'break' : 'shift', shiftId: owner.shiftId, date: owner.date }
}

function lastStartAtOrBefore(instances: readonly ShiftInstance[], tsMs: number): number {
  let lo = 0
  let hi = instances.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((instances[mid] as ShiftInstance).startMs <= tsMs) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
