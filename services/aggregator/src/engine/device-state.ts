import { UNKNOWN_BATCH_START, type BatchCarry, type EnergyMedium, type StateChange } from '@millstream/metrics'
import type { MinuteValues } from './minute-values.ts'

/** A `count` reading as the aggregator keeps it. */
export interface CountReading {
  tsMs: number
  total: number
  good?: number
  seq?: number
  boot?: string
}

/** An `energy` reading of one medium. */
export interface EnergyReading {
  tsMs: number
  total: number
  power?: number
  seq?: number
  boot?: string
}

/** What arrived for one minute of event time: the intake diagnostics written beside the metrics. */
export interface IntakeTally {
  samples: number
  late: number
  duplicates: number
  tooLate: number
}

/** Sums of a device's final minutes inside one local hour (the hour rollup). */
export interface HourAccumulator {
  fields: Record<string, number>
  stops: Record<string, { count: number; downS: number }>
  minutes: number
  /** The text of the hour points last written (pointsIdentity), or null. */
  hash: string | null
}

/**
 * Everything the aggregator knows about one device. Samples are kept from a little before the
 * first minute that can still change (plus the last one before that, per series), so every open
 * minute can be recomputed from them alone; serialized into the state changelog as it is.
 */
export interface DeviceState {
  key: string
  /** Newest accepted event time, or null before the first accepted sample. */
  maxTsMs: number | null
  /** Samples before this are too late: max(maxTs - lateness, partition stream time - grace). */
  frontierMs: number
  changes: StateChange[]
  counts: CountReading[]
  energy: Partial<Record<EnergyMedium, EnergyReading[]>>
  /** seqKey(boot, seq) -> event time, for de-duplication by (boot, seq). */
  seqs: Map<string, number>
  /** Minute start -> intake tally, for minutes not yet final. */
  intake: Map<number, IntakeTally>
  /** Minute start -> the text of the points this process last wrote for it (not in the changelog). */
  emitted: Map<number, string>
  /** Local hour start -> rollup of its final minutes. */
  hours: Map<number, HourAccumulator>
  /** Minutes before this have been closed (written once, or found to have no data). */
  closedThroughMs: number
  /** Minutes before this are final: no acceptable sample can change them. */
  finalThroughMs: number
  /** Samples before this (but the last of each series) and their seqs have been forgotten. */
  keepFromMs: number
  /** Earliest minute that changed since it was last computed, or null. */
  dirtyFromMs: number | null
  /** What runs through the minutes, carried past the last final minute: a function of the events before it. */
  carry: MinuteCarry
  /** Minute start -> what was carried out of that closed minute, to recompute from the middle (not in the changelog). */
  carryOut: Map<number, MinuteCarry>
  /**
   * Minute start -> the values last computed for that closed minute and what was carried into it
   * (not in the changelog). A minute that is not dirty when it becomes final takes them instead
   * of being computed again: the same samples and carry give the same values.
   */
  computed: Map<number, { carryIn: MinuteCarry; values: MinuteValues }>
}

/**
 * What one minute hands to the next: good output waiting for output to catch up (carryGood), and a
 * batch machine's run time not yet credited with output (batchCredit; continuous machines keep
 * the initial value).
 */
export interface MinuteCarry {
  goodQty: number
  batch: BatchCarry
}

/** A device first seen: nothing carried, and a batch in progress whose start is unknown. */
export const INITIAL_CARRY: MinuteCarry = Object.freeze({ goodQty: 0, batch: UNKNOWN_BATCH_START })

export function sameCarry(a: MinuteCarry, b: MinuteCarry): boolean {
  return a.goodQty === b.goodQty && a.batch.pendingAptMs === b.batch.pendingAptMs && a.batch.timeKnown === b.batch.timeKnown
}

/**
 * The de-duplication key of a record's seq: `seq` counts within one `boot` of the device, so a
 * device that restarts its seq at 0 with a new boot is not taken for copies of its old messages.
 * Boot ids cannot contain '#' (contract BOOT_PATTERN), so the two forms never collide.
 */
export function seqKey(seq: number, boot: string | undefined): string {
  return boot === undefined ? String(seq) : `${boot}#${seq}`
}

export function emptyTally(): IntakeTally {
  return { samples: 0, late: 0, duplicates: 0, tooLate: 0 }
}

export function createDeviceState(key: string, frontierMs: number, finalThroughMs: number): DeviceState {
  return {
    key,
    maxTsMs: null,
    frontierMs,
    changes: [],
    counts: [],
    energy: {},
    seqs: new Map(),
    intake: new Map(),
    emitted: new Map(),
    hours: new Map(),
    closedThroughMs: finalThroughMs,
    finalThroughMs,
    keepFromMs: finalThroughMs,
    dirtyFromMs: null,
    carry: INITIAL_CARRY,
    carryOut: new Map(),
    computed: new Map(),
  }
}

/** Marks minutes from `minuteMs` on as needing recomputation. */
export function markDirty(device: DeviceState, minuteMs: number): void {
  if (device.dirtyFromMs === null || minuteMs < device.dirtyFromMs) device.dirtyFromMs = minuteMs
}
