/** A half-open span of time [startMs, endMs) in epoch milliseconds. */
export interface Interval {
  startMs: number
  endMs: number
}

export function durationMs(interval: Interval): number {
  return Math.max(0, interval.endMs - interval.startMs)
}

/** Length of the intersection of two half-open intervals. */
export function overlapMs(a: Interval, b: Interval): number {
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs))
}

/** The intersection, or null when the intervals do not overlap. */
export function intersect(a: Interval, b: Interval): Interval | null {
  const startMs = Math.max(a.startMs, b.startMs)
  const endMs = Math.min(a.endMs, b.endMs)
  return endMs > startMs ? { startMs, endMs } : null
}
