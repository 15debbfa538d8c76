import type { DeviceRecord } from './accept-sample.ts'
import { deltaKey, encodeDevice, encodeDeviceDelta, hoursTuples } from './device-codec.ts'
import type { DeviceState, IntakeTally } from './device-state.ts'

/**
 * Where a device's changelog stands. A step writes, for each changed device, either a snapshot of
 * its whole state (key: the device) or a delta: the samples accepted since its last record and
 * the small rest of the state (key: `{device}#d{i}`). A device under steady load changes at every
 * step, and its state holds some fifteen minutes of samples, so snapshots alone made the
 * changelog's volume the kept state times the steps; deltas make it about the input's.
 */
export interface DeviceLog {
  /** Generation of the last snapshot written. */
  gen: number
  /** Deltas written since that snapshot; null when the next record must be a snapshot (new or restored device). */
  deltas: number | null
  /** Samples the deltas since the snapshot carried. */
  deltaSamples: number
  /** Samples accepted since the last record written. */
  added: DeviceRecord[]
  /**
   * The device's finalThroughMs when its last record was written. Its hours only change when
   * minutes become final (added to an hour, or a complete hour forgotten), which moves it on: a
   * delta leaves the hours out while it has not moved.
   */
  loggedFinalMs: number | null
  /** The intake tallies as the last record wrote them, to write only those that changed since. */
  loggedIntake: Map<number, IntakeTally>
}

/** A device with nothing written yet: its first record is a snapshot of generation 1. */
export const newDeviceLog = (): DeviceLog => ({ gen: 0, deltas: null, deltaSamples: 0, added: [], loggedFinalMs: null, loggedIntake: new Map() })

/** A restored device: its next record is a snapshot of the generation after the one restored. */
export const restoredDeviceLog = (gen: number): DeviceLog => ({ gen, deltas: null, deltaSamples: 0, added: [], loggedFinalMs: null, loggedIntake: new Map() })

/**
 * At most this many deltas follow a snapshot (32 to 63 by device, so that devices restored or
 * started together do not all write their snapshots in the same step): it bounds the records a
 * restore reads and the keys a device holds in the compacted topic.
 */
export function maxDeltas(deviceKey: string): number {
  let h = 0
  for (let i = 0; i < deviceKey.length; i++) h = (h * 31 + deviceKey.charCodeAt(i)) | 0
  return 32 + ((h >>> 0) % 32)
}

export function sampleCount(state: DeviceState): number {
  let n = state.changes.length + state.counts.length
  for (const series of Object.values(state.energy)) n += series.length
  return n
}

/** What the next record of a device is: a snapshot, or the delta with this index. */
export type LogPlan = { snapshot: true; gen: number } | { snapshot: false; gen: number; i: number }

/**
 * A snapshot when one is due (first record, after a restore, `all`), when the deltas reached their
 * limit, or when they would carry more samples than the state holds (a restore then reads at most
 * twice the state, and the volume written stays within twice the input's).
 */
export function planRecord(state: DeviceState, log: DeviceLog, all: boolean): LogPlan {
  if (all || log.deltas === null || log.deltas >= maxDeltas(state.key) || log.deltaSamples + log.added.length > sampleCount(state)) return { snapshot: true, gen: log.gen + 1 }
  return { snapshot: false, gen: log.gen, i: log.deltas + 1 }
}

export function logRecord(state: DeviceState, log: DeviceLog, plan: LogPlan): { key: string; value: string } {
  if (plan.snapshot) return { key: state.key, value: encodeDevice(state, plan.gen) }
  const hours = log.loggedFinalMs === state.finalThroughMs ? undefined : hoursTuples(state)
  const intake = [...state.intake].filter(([minute, t]) => !sameTally(log.loggedIntake.get(minute), t))
  return { key: deltaKey(state.key, plan.i), value: encodeDeviceDelta(state, plan.gen, plan.i, { added: log.added, intake, hours }) }
}

/** The record of `plan` was committed: the log moves on. */
export function logCommitted(state: DeviceState, log: DeviceLog, plan: LogPlan): void {
  if (plan.snapshot) {
    log.gen = plan.gen
    log.deltas = 0
    log.deltaSamples = 0
  } else {
    log.deltas = plan.i
    log.deltaSamples += log.added.length
  }
  log.loggedFinalMs = state.finalThroughMs
  for (const [minute, t] of state.intake) if (!sameTally(log.loggedIntake.get(minute), t)) log.loggedIntake.set(minute, { ...t })
  for (const minute of log.loggedIntake.keys()) if (!state.intake.has(minute)) log.loggedIntake.delete(minute)
  log.added = []
}

const sameTally = (a: IntakeTally | undefined, b: IntakeTally) => a !== undefined && a.samples === b.samples && a.late === b.late && a.duplicates === b.duplicates && a.tooLate === b.tooLate
