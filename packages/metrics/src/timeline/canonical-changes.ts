import { epochMs, finite, isEpochMs, isFiniteNumber } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { strictlyIncreasing } from '../time/strictly-increasing.ts'
import { TIMELINE_STATES, type StateChange } from './machine-state.ts'

/**
 * State messages in event-time order with duplicates removed, independent of arrival order:
 * late messages reordered within the lateness, or sent twice, give the same timeline. Two
 * messages with the same `tsMs` are one instant; the one with the higher `seq` (then the
 * greater state and reason, an arbitrary but fixed rule) is kept.
 */
export function canonicalChanges(changes: readonly StateChange[]): readonly StateChange[] {
  checkChanges(changes)
  // Already one message per instant and in order (what the aggregator keeps): the sort and the
  // dedupe below would return it as it is, so it is returned without the copy (issue 16).
  if (strictlyIncreasing(changes)) return changes
  const sorted = [...changes].sort(compareChanges)
  const result: StateChange[] = []
  for (const change of sorted) {
    if (result.at(-1)?.tsMs === change.tsMs) result[result.length - 1] = change
    else result.push(change)
  }
  return result
}

const STATES = new Set<unknown>(TIMELINE_STATES)

function checkChanges(changes: readonly StateChange[]): void {
  changes.forEach((c, i) => {
    if (isEpochMs(c.tsMs) && STATES.has(c.state) && (c.seq === undefined || isFiniteNumber(c.seq))) return
    epochMs(`changes[${i}].tsMs`, c.tsMs)
    if (!STATES.has(c.state)) throw new MetricsInputError(`changes[${i}].state`, `must be one of ${TIMELINE_STATES.join(', ')}`, c.state)
    if (c.seq !== undefined) finite(`changes[${i}].seq`, c.seq)
  })
}

function compareChanges(a: StateChange, b: StateChange): number {
  return a.tsMs - b.tsMs || (a.seq ?? -1) - (b.seq ?? -1) || compareText(a.state, b.state) || compareText(a.reason ?? '', b.reason ?? '')
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Index of the last change at or before `tsMs` in a canonical list, or -1. */
export function lastIndexAtOrBefore(changes: readonly StateChange[], tsMs: number): number {
  let lo = 0
  let hi = changes.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((changes[mid] as StateChange).tsMs <= tsMs) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
