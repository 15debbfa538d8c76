/** Helpers over arrays sorted by `tsMs` (samples of one series). */

interface Timed {
  tsMs: number
}

/** Index of the first element with tsMs >= `tsMs` (binary search). */
export function lowerBound(sorted: readonly Timed[], tsMs: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as Timed).tsMs < tsMs) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Whether an element with exactly this `tsMs` exists. */
export function hasTimestamp(sorted: readonly Timed[], tsMs: number): boolean {
  return sorted[lowerBound(sorted, tsMs)]?.tsMs === tsMs
}

/** Inserts keeping the order (late samples land in the middle); returns the previous element's time. */
export function insertSorted<T extends Timed>(sorted: T[], item: T): number | undefined {
  const at = lowerBound(sorted, item.tsMs + 1)
  if (at === sorted.length) sorted.push(item)
  else sorted.splice(at, 0, item)
  return sorted[at - 1]?.tsMs
}

/**
 * The readings of a cumulative series that decide the deltas of [startMs, endMs): the last at or
 * before the start, those inside, and the first at or after the end (a delta spread over the edge).
 */
export function cumulativeWindow<T extends Timed>(sorted: readonly T[], startMs: number, endMs: number): T[] {
  const from = Math.max(0, lowerBound(sorted, startMs + 1) - 1)
  const to = Math.min(sorted.length, lowerBound(sorted, endMs) + 1)
  return sorted.slice(from, to)
}

/** State messages that decide [startMs, endMs): the last strictly before the start and those inside. */
export function stateWindow<T extends Timed>(sorted: readonly T[], startMs: number, endMs: number): T[] {
  const from = Math.max(0, lowerBound(sorted, startMs) - 1)
  return sorted.slice(from, lowerBound(sorted, endMs))
}

/** Event time of the newest element before `tsMs`, or null. */
export function latestBefore(sorted: readonly Timed[], tsMs: number): number | null {
  const i = lowerBound(sorted, tsMs) - 1
  return i >= 0 ? (sorted[i] as Timed).tsMs : null
}

/** Drops elements before `tsMs` except the last of them, which later windows still start from. */
export function pruneBefore<T extends Timed>(sorted: T[], tsMs: number): void {
  const keepFrom = lowerBound(sorted, tsMs) - 1
  if (keepFrom > 0) sorted.splice(0, keepFrom)
}
