import { interval } from '../input/check-number.ts'

/** A half-open span of time [startMs, endMs) in epoch milliseconds. */
export interface Interval {
  startMs: number
  endMs: number
}

export function durationMs(span: Interval): number {
  interval('interval', span)
  return span.endMs - span.startMs
}

/** Length of the intersection of two half-open intervals. */
export function overlapMs(a: Interval, b: Interval): number {
  interval('a', a)
  interval('b', b)
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs))
}

/** The intersection, or null when the intervals do not overlap. */
export function intersect(a: Interval, b: Interval): Interval | null {
  interval('a', a)
  interval('b', b)
  const startMs = Math.max(a.startMs, b.startMs)
  const endMs = Math.min(a.endMs, b.endMs)
  return endMs > startMs ? { startMs, endMs } : null
}
