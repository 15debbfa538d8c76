import type { GaugeSummary } from '@millstream/metrics'

/** One accepted `process` reading: the gauges read at one instant. */
export interface ProcessReading {
  tsMs: number
  values: Record<string, number>
  seq?: number
  boot?: string
}

/** Summaries of a device's final minutes inside one local hour, per gauge (issue 16). */
export interface ProcessHour {
  gauges: Record<string, GaugeSummary>
  /** Minutes with readings of each gauge. */
  minutes: Record<string, number>
  /** The text of the hour points last written (pointsIdentity), or null. */
  hash: string | null
}

/**
 * What the aggregator keeps of one device's `process` channel, beside (not inside) its DeviceState:
 * a gauge reading holds for its instant only, so a minute is a function of its own readings and
 * the state is those of the minutes not yet final, the hours open and the event-time frontier.
 * Serialized into the state changelog under processStateKey(device) (process-codec.ts).
 */
export interface ProcessState {
  key: string
  maxTsMs: number | null
  /** Readings before this are too late: max(maxTs - lateness, partition time - grace). */
  frontierMs: number
  /** Readings of minutes not yet final, sorted by event time. */
  readings: ProcessReading[]
  /** seqKey(seq, boot) -> event time of the readings kept. */
  seqs: Map<string, number>
  closedThroughMs: number
  finalThroughMs: number
  dirtyFromMs: number | null
  hours: Map<number, ProcessHour>
  /** Minute start -> the text of the points this process last wrote for it (not in the changelog). */
  emitted: Map<number, string>
}

/** Changelog key of a device's process state: device keys never hold '#', so it cannot collide. */
export const PROCESS_KEY_SUFFIX = '#process'
export const processStateKey = (deviceKey: string): string => `${deviceKey}${PROCESS_KEY_SUFFIX}`

export function createProcessState(key: string, frontierMs: number, finalThroughMs: number): ProcessState {
  return { key, maxTsMs: null, frontierMs, readings: [], seqs: new Map(), closedThroughMs: finalThroughMs, finalThroughMs, dirtyFromMs: null, hours: new Map(), emitted: new Map() }
}

export function markProcessDirty(state: ProcessState, minuteMs: number): void {
  if (state.dirtyFromMs === null || minuteMs < state.dirtyFromMs) state.dirtyFromMs = minuteMs
}
