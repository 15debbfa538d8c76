import { localWindows, zonedTimeToUtc, type Interval } from '@millstream/metrics'

/** Where and when a query reads: one plant of one firm, in its time zone. */
export interface PlantRange {
  firm: string
  plant: string
  /** The plant's IANA time zone (registry `timeZone`): days and hours are local. */
  timeZone: string
  /** [startMs, endMs), epoch ms. */
  range: Interval
  /** Narrow to one line. */
  line?: string
  /** Rows per local day (midnight to midnight, 23 or 25 h on DST days) instead of one for the range. */
  every?: 'day'
  /**
   * Explicit report windows inside the range (sorted, not overlapping: local months, the plant's
   * shifts ...); they win over `every`. Time outside every window is not reported.
   */
  windows?: readonly Interval[]
  /**
   * The windows are the plant's local minutes or hours: one query grouped by point time answers
   * them all instead of a query per window (a day of minutes would be 1,440 queries).
   */
  windowUnit?: 'minute' | 'hour'
}

/** [local midnight of `from`, local midnight after `to`): whole plant-local days, dates as YYYY-MM-DD. */
export function localDays(from: string, to: string, timeZone: string): Interval {
  const parse = (date: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
    if (!m) throw new RangeError(`${date} is not a YYYY-MM-DD date`)
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  }
  const last = parse(to)
  const next = new Date(Date.UTC(last.year, last.month - 1, last.day + 1))
  return {
    startMs: zonedTimeToUtc(parse(from), timeZone),
    endMs: zonedTimeToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone),
  }
}

/** The windows a query reports: the range, or its local days. */
export function reportWindows(q: PlantRange): Interval[] {
  if (q.windows) return [...q.windows]
  return q.every === 'day' ? localWindows(q.range, 'day', q.timeZone) : [q.range]
}

/** The index of the window that holds `tsMs` (windows sorted, not overlapping), or -1. */
export function windowIndexOf(windows: readonly Interval[], tsMs: number): number {
  let lo = 0
  let hi = windows.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const w = windows[mid] as Interval
    if (tsMs < w.startMs) hi = mid - 1
    else if (tsMs >= w.endMs) lo = mid + 1
    else return mid
  }
  return -1
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
