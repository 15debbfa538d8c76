import { inPlausibleRange, type ProcessOutOfRangeRecord } from '@millstream/contract'
import { floorMinute, type EngineOptions } from '../engine-options.ts'
import { HOUR_MS, hourOf } from '../hour-rollup.ts'
import { encodeLine } from '../line-protocol.ts'
import { INTEGER_FIELDS } from '../measurements.ts'
import { pointsIdentity } from '../point-identity.ts'
import { lowerBound } from '../sorted-samples.ts'
import type { ProcessProfile } from './process-profile.ts'
import { addMinuteToHour, gaugeFields, summarizeMinute } from './process-minute.ts'
import type { ProcessHour, ProcessReading, ProcessState } from './process-state.ts'

/** Where the process engine puts what it wants written. */
export interface ProcessSink {
  point(key: string, line: string): void
  /** An out-of-range reading, sent once: when its minute becomes final. */
  outOfRange(record: ProcessOutOfRangeRecord): void
}

export interface ProcessAdvanceContext {
  options: EngineOptions
  progressMs: number
  streamTimeMs: number
  sink: ProcessSink
}

/**
 * Moves one device's process channel on, as advanceDevice does for the others: minutes the
 * progress has passed are written (only minutes with readings: a silent gauge writes nothing),
 * minutes late readings changed are written again, and minutes no acceptable reading can change are
 * finalized: their out-of-range events sent, their summaries added to the hour, their readings
 * forgotten. Values depend on the events only. Returns whether the state changed.
 */
export function advanceProcess(state: ProcessState, profile: ProcessProfile, ctx: ProcessAdvanceContext): boolean {
  const o = ctx.options
  state.frontierMs = Math.max(state.frontierMs, ctx.streamTimeMs - o.partitionGraceMs)
  const finalTo = Math.max(state.finalThroughMs, floorMinute(state.frontierMs))
  const closeTo = Math.max(state.closedThroughMs, floorMinute(ctx.progressMs - o.emitDelayMs), finalTo)
  const recomputeFrom = Math.min(state.dirtyFromMs ?? Number.POSITIVE_INFINITY, state.closedThroughMs)
  const unwritten = [...state.hours].filter(([, h]) => h.hash === null).map(([hourMs]) => hourMs)
  if (closeTo === state.closedThroughMs && finalTo === state.finalThroughMs && recomputeFrom >= closeTo && unwritten.length === 0) {
    state.dirtyFromMs = null
    return false
  }
  const touchedHours = new Set<number>(unwritten)
  for (const [minuteMs, readings] of minutesOf(state.readings, state.finalThroughMs, closeTo)) {
    const finalizing = minuteMs < finalTo
    if (!finalizing && minuteMs < recomputeFrom) continue
    const summaries = summarizeMinute(readings, profile)
    writeMinute(state, profile, minuteMs, summaries, ctx.sink)
    if (!finalizing) continue
    for (const r of readings) sendOutOfRange(profile, r, ctx.sink)
    const hourMs = hourOf(minuteMs, profile.timeZone)
    let hour = state.hours.get(hourMs)
    if (!hour) state.hours.set(hourMs, (hour = { gauges: {}, minutes: {}, hash: null }))
    addMinuteToHour(hour, summaries)
    touchedHours.add(hourMs)
  }
  for (const hourMs of touchedHours) writeHour(profile, hourMs, state.hours.get(hourMs) as ProcessHour, ctx.sink)
  state.closedThroughMs = closeTo
  state.finalThroughMs = finalTo
  state.dirtyFromMs = null
  prune(state)
  return true
}

/** The readings of [fromMs, toMs) grouped by minute, in order. */
function minutesOf(readings: readonly ProcessReading[], fromMs: number, toMs: number): Map<number, ProcessReading[]> {
  const out = new Map<number, ProcessReading[]>()
  for (let i = lowerBound(readings, fromMs); i < readings.length; i++) {
    const r = readings[i] as ProcessReading
    if (r.tsMs >= toMs) break
    const m = floorMinute(r.tsMs)
    const list = out.get(m)
    if (list) list.push(r)
    else out.set(m, [r])
  }
  return out
}

function writeMinute(state: ProcessState, profile: ProcessProfile, minuteMs: number, summaries: ReturnType<typeof summarizeMinute>, sink: ProcessSink): void {
  const timeS = minuteMs / 1000
  const points = [...summaries].map(([gauge, s]): [string, string] => {
    const series = profile.series(gauge).minute
    return [`${series} ${timeS}`, encodeLine(series, gaugeFields(s), INTEGER_FIELDS, timeS)]
  })
  const hash = pointsIdentity(points.map((p) => p[1]))
  if (state.emitted.get(minuteMs) === hash) return
  state.emitted.set(minuteMs, hash)
  for (const [key, line] of points) sink.point(key, line)
}

/**
 * Each reading outside its gauge's plausible range: a point of `process_out_of_range` at the
 * reading's second (InfluxDB keeps one per gauge and second: the last of the second) and a record
 * of the anomaly topic (every one).
 */
function sendOutOfRange(profile: ProcessProfile, r: ProcessReading, sink: ProcessSink): void {
  for (const gauge of Object.keys(r.values).sort()) {
    const spec = profile.gauges[gauge]
    const value = r.values[gauge] as number
    if (!spec || inPlausibleRange(spec, value)) continue
    const timeS = Math.floor(r.tsMs / 1000)
    const series = profile.series(gauge).event
    sink.point(`${series} ${timeS}`, encodeLine(series, { value, min: spec.min, max: spec.max }, INTEGER_FIELDS, timeS))
    sink.outOfRange({
      v: 1, reason: 'out_of_range', firm: profile.firm, plant: profile.plant, line: profile.line, device: profile.device, kind: profile.kind,
      gauge, unit: spec.unit, ts: r.tsMs, ...(r.seq === undefined ? {} : { seq: r.seq }), value, min: spec.min, max: spec.max,
    })
  }
}

/** Writes the hour's points if they differ from what was last written for it. */
function writeHour(profile: ProcessProfile, hourMs: number, hour: ProcessHour, sink: ProcessSink): void {
  const timeS = hourMs / 1000
  const points = Object.keys(hour.gauges).sort().map((gauge): [string, string] => {
    const series = profile.series(gauge).hour
    const fields = { ...gaugeFields(hour.gauges[gauge] as NonNullable<ProcessHour['gauges'][string]>), minutes: hour.minutes[gauge] ?? 0 }
    return [`${series} ${timeS}`, encodeLine(series, fields, INTEGER_FIELDS, timeS)]
  })
  const hash = pointsIdentity(points.map((p) => p[1]))
  if (hash === hour.hash) return
  for (const [key, line] of points) sink.point(key, line)
  hour.hash = hash
}

/** Forgets the readings, seqs and hashes of final minutes, and hours that are over and written. */
function prune(state: ProcessState): void {
  const keep = lowerBound(state.readings, state.finalThroughMs)
  if (keep > 0) state.readings.splice(0, keep)
  for (const [seq, tsMs] of state.seqs) if (tsMs < state.finalThroughMs) state.seqs.delete(seq)
  for (const minute of state.emitted.keys()) if (minute < state.finalThroughMs) state.emitted.delete(minute)
  for (const [hourMs, h] of state.hours) if (hourMs + HOUR_MS <= state.finalThroughMs && h.hash !== null) state.hours.delete(hourMs)
}

