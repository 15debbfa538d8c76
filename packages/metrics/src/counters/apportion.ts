import { checkWindows, finiteDeep, interval, isInterval, isNonNegative, nonNegative } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { cumulativeDeltas, type CumulativeOptions, type CumulativeSample } from './cumulative-deltas.ts'

/** An amount that accrued over an interval: a counter delta, kWh of a meter interval. */
export interface AmountInterval extends Interval {
  delta: number
}

export interface ApportionOptions {
  /**
   * Deltas over a longer gap than this are not spread: they go whole to the window holding the
   * later reading, because a meter that was silent for hours says nothing about when it ran.
   * Default: always spread.
   */
  maxSpreadMs?: number
}

/**
 * The delta of each window. Rule (issue 4): a delta between two readings accrued evenly over the
 * time between them, so a delta spanning a window edge is split in proportion to the time on
 * each side; a delta at a single instant (no gap) belongs to the window holding that instant.
 * Over windows that tile the readings' span the shares add up to the whole delta.
 */
export function apportionDeltas(intervals: readonly AmountInterval[], windows: readonly Interval[], options: ApportionOptions = {}): number[] {
  checkAmounts(intervals)
  checkWindows(windows)
  if (options.maxSpreadMs !== undefined) nonNegative('options.maxSpreadMs', options.maxSpreadMs)
  return finiteDeep('intervals', spread(intervals, windows, options))
}

/** Amounts over intervals: instants in range, end not before start, amounts finite and not negative. */
export function checkAmounts(intervals: readonly AmountInterval[]): void {
  intervals.forEach((a, i) => {
    if (isInterval(a) && isNonNegative(a.delta)) return
    interval(`intervals[${i}]`, a)
    nonNegative(`intervals[${i}].delta`, a.delta)
  })
}

function spread(intervals: readonly AmountInterval[], windows: readonly Interval[], options: ApportionOptions): number[] {
  const result = windows.map(() => 0)
  const order = windows.map((_, i) => i).sort((a, b) => (windows[a] as Interval).startMs - (windows[b] as Interval).startMs)
  const sorted = order.map((i) => windows[i] as Interval)
  // Disjoint windows sorted by start are sorted by end too, which lets each interval find its
  // first window by binary search; overlapping windows (an hour and its day) are scanned in full.
  const disjoint = sorted.every((w, i) => i === 0 || (sorted[i - 1] as Interval).endMs <= w.startMs)
  for (const interval of intervals) {
    if (interval.delta === 0) continue
    const lengthMs = interval.endMs - interval.startMs
    const lumped = lengthMs <= 0 || (options.maxSpreadMs !== undefined && lengthMs > options.maxSpreadMs)
    for (let k = disjoint ? firstEndingAfter(sorted, interval.startMs) : 0; k < sorted.length; k++) {
      const w = sorted[k] as Interval
      if (disjoint && w.startMs > interval.endMs) break
      const i = order[k] as number
      if (lengthMs <= 0) {
        // A delta at one instant belongs to the window holding that instant, [start, end).
        if (w.startMs <= interval.endMs && interval.endMs < w.endMs) result[i] = (result[i] as number) + interval.delta
        continue
      }
      if (lumped) {
        // The reading that revealed the delta was taken at endMs; it closes the window it ends.
        if (w.startMs < interval.endMs && interval.endMs <= w.endMs) result[i] = (result[i] as number) + interval.delta
        continue
      }
      const overlap = Math.min(w.endMs, interval.endMs) - Math.max(w.startMs, interval.startMs)
      if (overlap > 0) result[i] = (result[i] as number) + (interval.delta * overlap) / lengthMs
    }
  }
  return result
}

/** Index of the first window (sorted, disjoint) whose end lies after `tsMs`. */
function firstEndingAfter(sorted: readonly Interval[], tsMs: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as Interval).endMs <= tsMs) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Per-window deltas of a cumulative series: cumulativeDeltas, then apportionDeltas. */
export function windowDeltas(samples: readonly CumulativeSample[], windows: readonly Interval[], options: CumulativeOptions & ApportionOptions = {}): number[] {
  return apportionDeltas(cumulativeDeltas(samples, options), windows, options)
}
