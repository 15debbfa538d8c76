import { localWindow, localWindowStart, type Interval } from '@millstream/metrics'

/** Which parts of a range to read from hour rollups and which from minute points. */
export interface RollupPlan {
  hours: Interval | null
  minutes: Interval[]
}

/**
 * The rule (docs/data-model.md "Reading it: @millstream/store"): the whole local hours inside the
 * range that ended before `hoursFinalBeforeMs` come from the hour rollups; the ragged ends, and
 * hours too recent to be final, come from the minutes. Hour points are the sums of their final
 * minutes, so both give the same sums and the split is exact; hours just cost 60 times fewer
 * points. Hours are the plant's local hours (half-hour zones start them at :30 UTC).
 */
export function planRollups(range: Interval, timeZone: string, hoursFinalBeforeMs: number): RollupPlan {
  if (range.endMs <= range.startMs) return { hours: null, minutes: [] }
  if (!(hoursFinalBeforeMs > range.startMs)) return { hours: null, minutes: [range] }
  const first = localWindowStart(range.startMs, 'hour', timeZone)
  const hoursFrom = first === range.startMs ? first : localWindow(range.startMs, 'hour', timeZone).endMs
  const hoursTo = localWindowStart(Math.min(range.endMs, hoursFinalBeforeMs), 'hour', timeZone)
  if (hoursTo <= hoursFrom) return { hours: null, minutes: [range] }
  const minutes = [
    { startMs: range.startMs, endMs: hoursFrom },
    { startMs: hoursTo, endMs: range.endMs },
  ].filter((i) => i.endMs > i.startMs)
  return { hours: { startMs: hoursFrom, endMs: hoursTo }, minutes }
}

/**
 * The hour part of a plan cut at the local midnight before its end: the earlier piece stays the
 * same all day (a month-to-date query keeps the same key until midnight, so the settled cache
 * holds it), the later one moves with the hour lag and stays small.
 */
export function splitAtLastMidnight(hours: Interval, timeZone: string): Interval[] {
  const midnight = localWindowStart(hours.endMs - 1, 'day', timeZone)
  return midnight > hours.startMs && midnight < hours.endMs ? [{ startMs: hours.startMs, endMs: midnight }, { startMs: midnight, endMs: hours.endMs }] : [hours]
}
