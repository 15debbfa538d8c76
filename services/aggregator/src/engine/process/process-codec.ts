import { seqKey } from '../device-state.ts'
import type { ProcessHour, ProcessReading, ProcessState } from './process-state.ts'

/** Version of the serialized process state in the changelog; a reader refuses others. */
export const PROCESS_STATE_VERSION = 1

type Opt = number | null

/** Compact JSON of a device's process state: readings as tuples with times relative to finalThroughMs. */
export function encodeProcessState(state: ProcessState): string {
  const base = state.finalThroughMs
  return JSON.stringify({
    v: PROCESS_STATE_VERSION,
    key: state.key,
    base,
    maxTsMs: state.maxTsMs,
    frontierMs: state.frontierMs,
    closedThroughMs: state.closedThroughMs,
    readings: state.readings.map((r) => [r.tsMs - base, r.values, r.seq ?? null, ...(r.boot === undefined ? [] : [r.boot])]),
    hours: [...state.hours].map(([hourMs, h]) => [hourMs, h.gauges, h.minutes]),
  })
}

/**
 * A process state as restored from the changelog: as for devices (device-codec.ts), every minute
 * not final is computed and written again and every open hour too, so InfluxDB holds what this
 * state says; replaying the input then brings both to the values of an uninterrupted run.
 */
export function decodeProcessState(text: string): ProcessState {
  const r = JSON.parse(text) as {
    v: number; key: string; base: number; maxTsMs: number | null; frontierMs: number; closedThroughMs: number
    readings: [number, Record<string, number>, Opt, string?][]
    hours: [number, ProcessHour['gauges'], ProcessHour['minutes']][]
  }
  if (r.v !== PROCESS_STATE_VERSION) throw new Error(`process state version ${String(r.v)} is not ${PROCESS_STATE_VERSION}`)
  const readings: ProcessReading[] = r.readings.map(([dt, values, seq, boot]) => ({
    tsMs: r.base + dt, values, ...(seq === null ? {} : { seq }), ...(boot === undefined ? {} : { boot }),
  }))
  const seqs = new Map<string, number>()
  for (const reading of readings) if (reading.seq !== undefined) seqs.set(seqKey(reading.seq, reading.boot), reading.tsMs)
  return {
    key: r.key,
    maxTsMs: r.maxTsMs,
    frontierMs: r.frontierMs,
    readings,
    seqs,
    closedThroughMs: r.closedThroughMs,
    finalThroughMs: r.base,
    dirtyFromMs: r.base,
    hours: new Map(r.hours.map(([hourMs, gauges, minutes]) => [hourMs, { gauges, minutes, hash: null }])),
    emitted: new Map(),
  }
}
