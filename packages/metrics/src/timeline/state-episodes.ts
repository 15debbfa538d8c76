import { interval } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { canonicalChanges } from './canonical-changes.ts'
import type { MachineState, StateChange } from './machine-state.ts'

/** The start of a stretch in one state with one reason, e.g. one stop. */
export interface StateEpisode {
  tsMs: number
  state: MachineState
  reason?: string
}

/** A reported loss of the live state (a state message `unknown`) that followed a known state or none. */
export interface UnknownEntry {
  tsMs: number
  reason?: string
}

/**
 * Episodes that begin inside `range`: messages whose state or reason differs from the previous
 * message's. Heartbeats and a silent gap between two messages of the same state and reason do
 * not start a new episode, so a stop is counted once, in the window where it began. Pass the last
 * message before the range too, or an ongoing stop is counted again as a new one. A reported
 * `unknown` is silence made explicit: it starts no episode and does not end one, so a machine that
 * is down before a Sparkplug death and down for the same reason after its rebirth has one stop.
 */
export function stateEpisodes(changes: readonly StateChange[], range: Interval): StateEpisode[] {
  interval('range', range)
  const episodes: StateEpisode[] = []
  let prev: StateChange | undefined
  for (const change of canonicalChanges(changes)) {
    if (change.tsMs >= range.endMs) break
    if (change.state === 'unknown') continue
    const starts = !prev || prev.state !== change.state || prev.reason !== change.reason
    if (starts && change.tsMs >= range.startMs) {
      episodes.push(change.reason === undefined ? { tsMs: change.tsMs, state: change.state } : { tsMs: change.tsMs, state: change.state, reason: change.reason })
    }
    prev = change
  }
  return episodes
}

/**
 * Reported losses of the live state that begin inside `range` (issue 16: the data-quality view
 * counts them): `unknown` messages after a known state or as the first message. Repeats of
 * `unknown` are one loss. Pass the last message before the range too, as for stateEpisodes.
 */
export function unknownEntries(changes: readonly StateChange[], range: Interval): UnknownEntry[] {
  interval('range', range)
  const entries: UnknownEntry[] = []
  let prev: StateChange | undefined
  for (const change of canonicalChanges(changes)) {
    if (change.tsMs >= range.endMs) break
    if (change.state === 'unknown' && prev?.state !== 'unknown' && change.tsMs >= range.startMs) {
      entries.push(change.reason === undefined ? { tsMs: change.tsMs } : { tsMs: change.tsMs, reason: change.reason })
    }
    prev = change
  }
  return entries
}
