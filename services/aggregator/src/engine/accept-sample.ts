import type { TelemetryRecord } from '@millstream/contract'
import { emptyTally, markDirty, seqKey, type DeviceState } from './device-state.ts'
import { floorMinute, type EngineOptions } from './engine-options.ts'
import { hasTimestamp, insertSorted } from './sorted-samples.ts'

/** `late`: accepted, but after a newer record of the same device (out of order, within the lateness). */
export type SampleOutcome = 'accepted' | 'late' | 'duplicate' | 'too_late'
/** A record of the channels kept in DeviceState; `process` records have their own state (process/). */
export type DeviceRecord = Exclude<TelemetryRecord, { channel: 'process' }>

export interface AcceptContext {
  options: EngineOptions
  /** Newest event time on the partition, this record included. */
  streamTimeMs: number
}

/**
 * Takes one validated record into the device's state, or tells why not. Lateness is judged in
 * event time only (the device's newest event and its partition's stream time), never against the
 * clock, so a replay of the same partition classifies every record the same way (issue 5).
 */
export function acceptSample(state: DeviceState, record: DeviceRecord, { options, streamTimeMs }: AcceptContext): SampleOutcome {
  state.frontierMs = Math.max(state.frontierMs, streamTimeMs - options.partitionGraceMs)
  const ts = record.ts
  if (ts < state.frontierMs) {
    countTooLate(state, options)
    return 'too_late'
  }
  if (isDuplicate(state, record)) {
    const minute = floorMinute(ts)
    tally(state, minute).duplicates += 1
    markDirty(state, minute)
    return 'duplicate'
  }
  const previousTs = insert(state, record)
  if (record.seq !== undefined) state.seqs.set(seqKey(record.seq, record.boot), ts)
  const t = tally(state, floorMinute(ts))
  t.samples += 1
  const late = state.maxTsMs !== null && ts < state.maxTsMs
  if (late) t.late += 1
  state.maxTsMs = state.maxTsMs === null ? ts : Math.max(state.maxTsMs, ts)
  state.frontierMs = Math.max(state.frontierMs, state.maxTsMs - options.latenessMs)
  markDirty(state, floorMinute(firstAffectedMs(record.channel, ts, previousTs, options.maxSpreadMs)))
  return late ? 'late' : 'accepted'
}

/** Same device, boot and seq, or same device, channel (and medium) and event time: the first copy counts. */
function isDuplicate(state: DeviceState, record: DeviceRecord): boolean {
  if (record.seq !== undefined && state.seqs.has(seqKey(record.seq, record.boot))) return true
  return hasTimestamp(seriesOf(state, record), record.ts)
}

function seriesOf(state: DeviceState, record: DeviceRecord): { tsMs: number }[] {
  if (record.channel === 'state') return state.changes
  if (record.channel === 'count') return state.counts
  return (state.energy[record.medium] ??= [])
}

/**
 * The earliest instant whose minute the new sample can change. A state message changes its own
 * minute on. A reading splits the delta between its neighbours: spread back to the previous
 * reading when that is within the spread limit (an old spread delta reaching past it is only
 * possible then too), otherwise lumped at the reading itself, which an instant on a minute edge
 * gives to the minute before.
 */
function firstAffectedMs(channel: DeviceRecord['channel'], ts: number, previousTs: number | undefined, maxSpreadMs: number): number {
  if (channel === 'state') return ts
  return previousTs !== undefined && previousTs >= ts - maxSpreadMs ? previousTs : ts - 1
}

/** Inserts the sample; returns the event time of the sample before it in its series. */
function insert(state: DeviceState, record: DeviceRecord): number | undefined {
  const seq = { ...(record.seq === undefined ? {} : { seq: record.seq }), ...(record.boot === undefined ? {} : { boot: record.boot }) }
  if (record.channel === 'state') {
    return insertSorted(state.changes, { tsMs: record.ts, state: record.state, ...(record.reason === undefined ? {} : { reason: record.reason }), ...seq })
  } else if (record.channel === 'count') {
    return insertSorted(state.counts, { tsMs: record.ts, total: record.total, ...(record.good === undefined ? {} : { good: record.good }), ...seq })
  }
  return insertSorted((state.energy[record.medium] ??= []), { tsMs: record.ts, total: record.total, ...(record.power === undefined ? {} : { power: record.power }), ...seq })
}

/**
 * A too-late record is counted in the minute of the device's newest event, unless that minute is
 * final: a place decided by the events (the frontier), not by when minutes were last finalized.
 */
function countTooLate(state: DeviceState, options: EngineOptions): void {
  if (state.maxTsMs === null) return
  const minute = floorMinute(state.maxTsMs)
  if (minute < floorMinute(state.frontierMs - options.maxSpreadMs)) return
  tally(state, minute).tooLate += 1
  markDirty(state, minute)
}

function tally(state: DeviceState, minute: number) {
  let t = state.intake.get(minute)
  if (!t) {
    t = emptyTally()
    state.intake.set(minute, t)
  }
  return t
}
