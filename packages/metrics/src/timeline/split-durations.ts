import { checkWindows, interval, isInterval } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import type { Interval } from '../time/interval.ts'
import { emptyStateDurations, type StateChange, type StateDurations } from './machine-state.ts'
import { stateSegments, type StateSegment, type TimelineOptions } from './state-segments.ts'

/**
 * Milliseconds per state inside `window`, split exactly at its edges; the durations always add
 * up to the window's length (the remainder is `unknown`).
 */
export function splitDurations(changes: readonly StateChange[], window: Interval, options: TimelineOptions): StateDurations {
  return sumSegments(stateSegments(changes, window, options))
}

/**
 * Durations for many windows at once (e.g. the minutes of an hour). The timeline is built once
 * over the span of all windows and cut at their edges, so a state crossing a window edge is
 * split there and nothing is counted twice when the windows do not overlap.
 */
export function splitDurationsByWindows(changes: readonly StateChange[], windows: readonly Interval[], options: TimelineOptions): StateDurations[] {
  if (windows.length === 0) return []
  checkWindows(windows)
  const span = { startMs: Math.min(...windows.map((w) => w.startMs)), endMs: Math.max(...windows.map((w) => w.endMs)) }
  const segments = stateSegments(changes, span, options)
  return windows.map((w) => sumSegments(clipSegments(segments, w)))
}

/** The parts of `segments` that fall inside `window`. */
export function clipSegments(segments: readonly StateSegment[], window: Interval): StateSegment[] {
  interval('window', window)
  segments.forEach((s, i) => {
    if (!isInterval(s)) interval(`segments[${i}]`, s)
  })
  const clipped: StateSegment[] = []
  for (const s of segments) {
    const startMs = Math.max(s.startMs, window.startMs)
    const endMs = Math.min(s.endMs, window.endMs)
    if (endMs > startMs) clipped.push({ ...s, startMs, endMs })
  }
  return clipped
}

export function sumSegments(segments: readonly StateSegment[]): StateDurations {
  const durations = emptyStateDurations()
  segments.forEach((s, i) => {
    if (!isInterval(s)) interval(`segments[${i}]`, s)
    if (!Object.hasOwn(durations, s.state)) throw new MetricsInputError(`segments[${i}].state`, 'must be a timeline state', s.state)
  })
  for (const s of segments) durations[s.state] += s.endMs - s.startMs
  return durations
}
