import type { Plant } from '@millstream/contract'
import { intersect, localWindows, shiftInstances, type Interval } from '@millstream/metrics'
import { ApiError } from '../http/api-error.ts'

export const GRANULARITIES = ['auto', 'range', 'minute', 'hour', 'shift', 'day', 'month'] as const
export type Granularity = (typeof GRANULARITIES)[number]

/** What one request may ask of InfluxDB (docs/api.md "Limits"). */
export interface RangeLimits {
  maxRangeDays: number
  /** Report windows per request (minutes, hours, shifts, days, months). */
  maxWindows: number
  /** Rows per answer: windows × groups (lines or machines). */
  maxPoints: number
}

export interface ReportWindows {
  granularity: Exclude<Granularity, 'auto'>
  /** Undefined: the range is one row. */
  windows?: Interval[]
  windowUnit?: 'minute' | 'hour'
  /** Extra group columns of a window (shift id and production date for shifts), by window start. */
  labels: Map<number, Record<string, string>>
}

const DAY_MS = 86_400_000
/** Shortest window of each kind, for counting windows before making them. */
const MIN_MS = { minute: 60_000, hour: 3_600_000, shift: 3_600_000, day: 23 * 3_600_000, month: 28 * DAY_MS } as const

export const limitExceeded = (message: string) => new ApiError(400, 'limit_exceeded', message)

/**
 * `auto` picks what a chart of the range can show: hours up to two days, days up to three months,
 * months beyond; long ranges so read whole hour rollups, never minutes.
 */
export function autoGranularity(range: Interval): 'hour' | 'day' | 'month' {
  const days = (range.endMs - range.startMs) / DAY_MS
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : 'month'
}

/**
 * The report windows of a request in the plant's time zone: local minutes, hours, days (local
 * midnight) and months, or the plant's shift instances (night shifts belong to the date they start
 * on). Refuses with 400 `limit_exceeded` before any query when the range, the number of windows or
 * windows × groups exceed the limits.
 */
export function reportWindowsOf(o: { plant: Plant; range: Interval; granularity: Granularity; groups: number; limits: RangeLimits }): ReportWindows {
  const { plant, range, limits } = o
  const days = (range.endMs - range.startMs) / DAY_MS
  if (days > limits.maxRangeDays + 1) throw limitExceeded(`query: at most ${limits.maxRangeDays} days per request`)
  const granularity = o.granularity === 'auto' ? autoGranularity(range) : o.granularity
  const labels = new Map<number, Record<string, string>>()
  if (granularity === 'range') {
    checkPoints(1, o.groups, limits)
    return { granularity, labels }
  }
  const estimate = Math.ceil((range.endMs - range.startMs) / MIN_MS[granularity])
  if (estimate > limits.maxWindows) throw limitExceeded(`query: ${granularity} rows over this range would be more than ${limits.maxWindows} windows; shorten the range or choose a coarser granularity`)
  let windows: Interval[]
  if (granularity === 'shift') {
    windows = []
    for (const s of shiftInstances(range, plant.shiftCalendar, plant.timeZone)) {
      const w = intersect(s, range)
      if (!w) continue
      windows.push(w)
      labels.set(w.startMs, { shift: s.shiftId, date: s.date })
    }
  } else windows = localWindows(range, granularity, plant.timeZone)
  checkPoints(windows.length, o.groups, limits)
  return { granularity, windows, labels, ...(granularity === 'minute' || granularity === 'hour' ? { windowUnit: granularity } : {}) }
}

function checkPoints(windows: number, groups: number, limits: RangeLimits): void {
  if (windows * groups > limits.maxPoints) throw limitExceeded(`query: ${windows} windows × ${groups} groups is more than ${limits.maxPoints} rows; narrow the range, the granularity or the grouping`)
}
