import type { TelemetryRecord } from '@millstream/contract'
import type { SampleOutcome } from '../accept-sample.ts'
import { seqKey } from '../device-state.ts'
import { floorMinute, type EngineOptions } from '../engine-options.ts'
import { hasTimestamp, insertSorted } from '../sorted-samples.ts'
import { markProcessDirty, type ProcessState } from './process-state.ts'

export type ProcessRecord = Extract<TelemetryRecord, { channel: 'process' }>

/**
 * Takes one process record into the device's process state, by the event-time rules of the other
 * channels (accept-sample.ts): too late before the frontier, a duplicate by (boot, seq) or by event
 * time, else kept; only the reading's own minute can change (a gauge is not spread between readings).
 */
export function acceptProcess(state: ProcessState, record: ProcessRecord, { options, streamTimeMs }: { options: EngineOptions; streamTimeMs: number }): SampleOutcome {
  state.frontierMs = Math.max(state.frontierMs, streamTimeMs - options.partitionGraceMs)
  const ts = record.ts
  if (ts < state.frontierMs) return 'too_late'
  if ((record.seq !== undefined && state.seqs.has(seqKey(record.seq, record.boot))) || hasTimestamp(state.readings, ts)) return 'duplicate'
  insertSorted(state.readings, { tsMs: ts, values: record.values, ...(record.seq === undefined ? {} : { seq: record.seq }), ...(record.boot === undefined ? {} : { boot: record.boot }) })
  if (record.seq !== undefined) state.seqs.set(seqKey(record.seq, record.boot), ts)
  const late = state.maxTsMs !== null && ts < state.maxTsMs
  state.maxTsMs = state.maxTsMs === null ? ts : Math.max(state.maxTsMs, ts)
  state.frontierMs = Math.max(state.frontierMs, state.maxTsMs - options.latenessMs)
  markProcessDirty(state, floorMinute(ts))
  return late ? 'late' : 'accepted'
}
