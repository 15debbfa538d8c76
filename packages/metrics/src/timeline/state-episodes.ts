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

/**
 * Episodes that begin inside `range`: messages whose state or reason differs from the previous
 * message's. Heartbeats and a silent gap between two messages of the same state and reason do
 * not start a new episode, so a stop is counted once, in the window where it began. Pass the last
 * message before the range too, or an ongoing stop is counted again as a new one.
 */
export function stateEpisodes(changes: readonly StateChange[], range: Interval): StateEpisode[] {
  interval('range', range)
  const episodes: StateEpisode[] = []
  let prev: StateChange | undefined
  for (const change of canonicalChanges(changes)) {
    if (change.tsMs >= range.endMs) break
    const starts = !prev || prev.state !== change.state || prev.reason !== change.reason
    if (starts && change.tsMs >= range.startMs) {
      episodes.push(change.reason === undefined ? { tsMs: change.tsMs, state: change.state } : { tsMs: change.tsMs, state: change.state, reason: change.reason })
    }
    prev = change
  }
  return episodes
}
