import { UNKNOWN_BATCH_START, type StateChange } from '@millstream/metrics'
import type { DeviceRecord } from './accept-sample.ts'
import { seqKey, type CountReading, type DeviceState, type EnergyReading, type HourAccumulator, type IntakeTally } from './device-state.ts'
import { pruneBefore } from './sorted-samples.ts'

/** Version of the serialized device state in the changelog; a reader refuses others. */
export const DEVICE_STATE_VERSION = 5
/**
 * Version 2 had no good carry (0 then); versions 2 and 3 no batch carry (the batch in progress
 * then has an unknown start); versions before 5 no generation (0 then) and no delta records.
 */
const READABLE_VERSIONS = new Set([2, 3, 4, DEVICE_STATE_VERSION])

type Opt = number | null
const opt = (v: number | undefined): Opt => (v === undefined ? null : v)
const has = (v: Opt | undefined): v is number => v !== null && v !== undefined
/** A sample's boot, appended to its tuple only when there is one (records of version 2 without it still read). */
const bootTail = (boot: string | undefined): [] | [string] => (boot === undefined ? [] : [boot])
const bootOf = (boot: string | undefined) => (boot === undefined ? {} : { boot })

type ChangeTuple = [number, StateChange['state'], string | null, Opt, string?]
type ReadingTuple = [number, number, Opt, Opt, string?]
type HourTuple = [number, HourAccumulator['fields'], HourAccumulator['stops'], number]

/** Samples as tuples with times relative to the record's base. */
interface SampleTuples {
  changes: ChangeTuple[]
  counts: ReadingTuple[]
  energy: Record<string, ReadingTuple[]>
}

/** What every record of a device carries whole: everything but the samples. */
interface Header {
  base: number
  maxTsMs: number | null
  frontierMs: number
  closedThroughMs: number
  keepFromMs: number
  /** Tallies of the minutes not yet final; in a delta, those that changed since the record before. */
  intake: [number, number, number, number, number][]
  /** Absent from a delta when the hours are those of the record before. */
  hours?: HourTuple[]
  goodCarry?: number
  batchCarry?: [number, boolean]
}

/** A record as written: a snapshot (no `i`) or the i-th delta after the snapshot of generation `gen`. */
type DeviceRecordJson = Header & SampleTuples & { v: number; key: string; gen?: number; i?: number }

/**
 * The changelog key of a device's i-th delta (i >= 1). Ids cannot contain '#' (contract
 * ID_PATTERN), so it never collides with a device, and `#d` never with `#process`.
 */
export const deltaKey = (deviceKey: string, i: number): string => `${deviceKey}#d${i}`
const DELTA_KEY = /^(.+)#d([1-9][0-9]*)$/

/** The device key and index of a delta record's key, or null for any other key. */
export function parseDeltaKey(key: string): { deviceKey: string; i: number } | null {
  const m = DELTA_KEY.exec(key)
  return m ? { deviceKey: m[1] as string, i: Number(m[2]) } : null
}

export function hoursTuples(state: DeviceState): HourTuple[] {
  return [...state.hours].map(([hourMs, acc]) => [hourMs, acc.fields, acc.stops, acc.minutes])
}

function header(state: DeviceState, hours: HourTuple[] | undefined, intake: Iterable<[number, IntakeTally]> = state.intake): Header {
  const base = state.finalThroughMs
  return {
    base,
    maxTsMs: state.maxTsMs,
    frontierMs: state.frontierMs,
    closedThroughMs: state.closedThroughMs,
    keepFromMs: state.keepFromMs,
    intake: [...intake].map(([m, t]) => [m - base, t.samples, t.late, t.duplicates, t.tooLate]),
    ...(hours === undefined ? {} : { hours }),
    goodCarry: state.carry.goodQty,
    batchCarry: [state.carry.batch.pendingAptMs, state.carry.batch.timeKnown],
  }
}

/**
 * Compact JSON of a device's whole state (a snapshot): samples as tuples with times relative to
 * `finalThroughMs`. The seq index is not stored: it is rebuilt from the samples. `gen` numbers the
 * device's snapshots, so the deltas written after one are told from older ones under the same keys.
 */
export function encodeDevice(state: DeviceState, gen = 0): string {
  const base = state.finalThroughMs
  const record: DeviceRecordJson = {
    v: DEVICE_STATE_VERSION,
    key: state.key,
    gen,
    ...header(state, hoursTuples(state)),
    changes: state.changes.map((c) => [c.tsMs - base, c.state, c.reason ?? null, opt(c.seq), ...bootTail(c.boot)]),
    counts: state.counts.map((c) => [c.tsMs - base, c.total, opt(c.good), opt(c.seq), ...bootTail(c.boot)]),
    energy: Object.fromEntries(Object.entries(state.energy).map(([medium, list]) => [medium, list.map((e) => [e.tsMs - base, e.total, opt(e.power), opt(e.seq), ...bootTail(e.boot)])])),
  }
  return JSON.stringify(record)
}

/**
 * The i-th delta after the snapshot of generation `gen`: the samples accepted since the record
 * before (`added`, in any order), the intake tallies that changed, the hours only when given (they
 * changed), and the rest of the header whole. Samples and tallies are only ever added (a tally
 * grows) or forgotten by the pruning rule (samples before keepFromMs but the last, tallies of final
 * minutes), and the rule applied to the union gives what the live state holds, so snapshot +
 * deltas restore the state exactly.
 */
export function encodeDeviceDelta(state: DeviceState, gen: number, i: number, changes: { added: readonly DeviceRecord[]; intake: Iterable<[number, IntakeTally]>; hours: HourTuple[] | undefined }): string {
  const { added, hours } = changes
  const base = state.finalThroughMs
  const tuples: SampleTuples = { changes: [], counts: [], energy: {} }
  for (const r of added) {
    if (r.channel === 'state') tuples.changes.push([r.ts - base, r.state, r.reason ?? null, opt(r.seq), ...bootTail(r.boot)])
    else if (r.channel === 'count') tuples.counts.push([r.ts - base, r.total, opt(r.good), opt(r.seq), ...bootTail(r.boot)])
    else (tuples.energy[r.medium] ??= []).push([r.ts - base, r.total, opt(r.power), opt(r.seq), ...bootTail(r.boot)])
  }
  const record: DeviceRecordJson = { v: DEVICE_STATE_VERSION, key: state.key, gen, i, ...header(state, hours, changes.intake), ...tuples }
  return JSON.stringify(record)
}

/** A device restored from its changelog records, with where its log stands. */
export interface RestoredDevice {
  state: DeviceState
  /** Generation of the snapshot it was restored from. */
  gen: number
  /** Deltas applied after it. */
  deltas: number
}

/**
 * A device as restored from the changelog: its snapshot, then its deltas 1, 2, ... of the same
 * generation while they follow on (older generations' deltas under the same keys are stale).
 * What was written to InfluxDB after the last record is unknown (a crash loses the record of
 * those writes, not the writes), so every minute that is not final is computed and written again,
 * and so is every open hour: from then on InfluxDB holds what this state says, and replaying the
 * input brings both to the values of an uninterrupted run.
 */
export function decodeDevice(snapshotText: string, deltaTexts: ReadonlyMap<number, string> = new Map()): RestoredDevice {
  const snapshot = parseRecord(snapshotText)
  if (snapshot.i !== undefined) throw new Error(`device ${snapshot.key}: a delta where a snapshot was expected`)
  const gen = snapshot.gen ?? 0
  const changes = changesOf(snapshot)
  const counts = countsOf(snapshot)
  const energy = energyOf(snapshot)
  let last: Header = snapshot
  const intake = new Map(snapshot.intake.map(([dm, ...tally]) => [snapshot.base + dm, tally]))
  let hours = snapshot.hours ?? []
  let deltas = 0
  for (;;) {
    const text = deltaTexts.get(deltas + 1)
    if (text === undefined) break
    const delta = parseRecord(text)
    if (delta.gen !== gen || delta.i !== deltas + 1) break
    changes.push(...changesOf(delta))
    counts.push(...countsOf(delta))
    for (const [medium, list] of Object.entries(energyOf(delta))) (energy[medium as keyof typeof energy] ??= []).push(...list)
    for (const [dm, ...tally] of delta.intake) intake.set(delta.base + dm, tally)
    last = delta
    if (delta.hours) hours = delta.hours
    deltas += 1
  }
  const base = last.base
  const keepFromMs = last.keepFromMs
  // Each series holds one sample per event time (a second copy is a duplicate), so sorting by time
  // gives the order the live state inserted them in; the pruning rule applied once to the union
  // forgets what the live state forgot over several steps.
  const series: { tsMs: number }[][] = [changes, counts, ...Object.values(energy)]
  for (const list of series) {
    list.sort((a, b) => a.tsMs - b.tsMs)
    pruneBefore(list, keepFromMs)
  }
  // Seqs of the samples kept past the pruning point: exactly the index the live state keeps.
  const seqs = new Map<string, number>()
  for (const list of [changes, counts, ...Object.values(energy)]) for (const s of list) if (s.seq !== undefined && s.tsMs >= keepFromMs) seqs.set(seqKey(s.seq, s.boot), s.tsMs)
  const state: DeviceState = {
    key: snapshot.key,
    maxTsMs: last.maxTsMs,
    frontierMs: last.frontierMs,
    changes,
    counts,
    energy,
    seqs,
    // Tallies of final minutes are forgotten, as the live state forgets them.
    intake: new Map([...intake].filter(([minute]) => minute >= base).map(([minute, [samples, late, duplicates, tooLate]]): [number, IntakeTally] => [minute, { samples, late, duplicates, tooLate }])),
    emitted: new Map(),
    hours: new Map(hours.map(([hourMs, fields, stops, minutes]) => [hourMs, { fields, stops, minutes, hash: null }])),
    closedThroughMs: last.closedThroughMs,
    finalThroughMs: base,
    keepFromMs,
    dirtyFromMs: base,
    carry: { goodQty: last.goodCarry ?? 0, batch: last.batchCarry ? { pendingAptMs: last.batchCarry[0], timeKnown: last.batchCarry[1] } : UNKNOWN_BATCH_START },
    carryOut: new Map(),
    computed: new Map(),
  }
  return { state, gen, deltas }
}

function parseRecord(text: string): DeviceRecordJson {
  const r = JSON.parse(text) as DeviceRecordJson
  if (!READABLE_VERSIONS.has(r.v)) throw new Error(`device state version ${String(r.v)} is not ${DEVICE_STATE_VERSION}`)
  return r
}

const changesOf = (r: DeviceRecordJson): StateChange[] =>
  r.changes.map(([dt, s, reason, seq, boot]) => ({ tsMs: r.base + dt, state: s, ...(reason === null ? {} : { reason }), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))

const countsOf = (r: DeviceRecordJson): CountReading[] =>
  r.counts.map(([dt, total, good, seq, boot]) => ({ tsMs: r.base + dt, total, ...(has(good) ? { good } : {}), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))

const energyOf = (r: DeviceRecordJson): DeviceState['energy'] =>
  Object.fromEntries(
    Object.entries(r.energy).map(([medium, list]) => [medium, list.map(([dt, total, power, seq, boot]): EnergyReading => ({ tsMs: r.base + dt, total, ...(has(power) ? { power } : {}), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))]),
  ) as DeviceState['energy']
