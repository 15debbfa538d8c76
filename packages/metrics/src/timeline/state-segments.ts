import { interval, nonNegative } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { canonicalChanges, lastIndexAtOrBefore } from './canonical-changes.ts'
import type { MachineState, StateChange, TimelineState } from './machine-state.ts'

export interface TimelineOptions {
  /** After this long without any message the machine's time is `unknown` (DESIGN.md: never `running`). */
  stalenessMs: number
  /**
   * States that hold without heartbeats until the next message. Default none, as DESIGN.md asks;
   * a plant whose devices cannot heartbeat while powered down may list `off` here.
   */
  heldStates?: readonly MachineState[]
}

/** A span of one state; `reason` is the reason code of the message that set it, if any. */
export interface StateSegment extends Interval {
  state: TimelineState
  reason?: string
}

/**
 * The machine's timeline over `range`: contiguous segments that cover it exactly. Each message
 * holds its state until the next message or until `stalenessMs` after it, whichever comes first;
 * heartbeats (repeats) therefore extend a state without splitting it. Time before the first
 * known message is `unknown`: callers pass the last message before the range along with the
 * messages inside it. A message whose state is `unknown` (the live state reported lost) makes the
 * time `unknown` at once, until the next message.
 */
export function stateSegments(changes: readonly StateChange[], range: Interval, options: TimelineOptions): StateSegment[] {
  interval('range', range)
  nonNegative('options.stalenessMs', options.stalenessMs)
  const segments: StateSegment[] = []
  if (range.endMs <= range.startMs) return segments
  const sorted = canonicalChanges(changes)
  const held = new Set<TimelineState>(options.heldStates ?? [])
  const push = (startMs: number, endMs: number, state: TimelineState, reason?: string) => {
    const from = Math.max(startMs, range.startMs)
    const to = Math.min(endMs, range.endMs)
    if (to <= from) return
    const prev = segments.at(-1)
    if (prev && prev.state === state && prev.reason === reason && prev.endMs === from) prev.endMs = to
    else segments.push(reason === undefined ? { startMs: from, endMs: to, state } : { startMs: from, endMs: to, state, reason })
  }
  const firstIndex = Math.max(0, lastIndexAtOrBefore(sorted, range.startMs))
  const first = sorted[firstIndex]
  if (!first || first.tsMs >= range.endMs) {
    push(range.startMs, range.endMs, 'unknown')
    return segments
  }
  push(range.startMs, first.tsMs, 'unknown')
  for (let i = firstIndex; i < sorted.length; i++) {
    const change = sorted[i] as StateChange
    if (change.tsMs >= range.endMs) break
    const nextMs = sorted[i + 1]?.tsMs ?? Number.POSITIVE_INFINITY
    // A reported `unknown` lasts until the next message, like a held state: no staleness to wait for.
    const liveEndMs = change.state === 'unknown' || held.has(change.state) ? nextMs : Math.min(nextMs, change.tsMs + options.stalenessMs)
    push(change.tsMs, liveEndMs, change.state, change.reason)
    push(liveEndMs, nextMs, 'unknown')
  }
  return segments
}
