import { UNKNOWN_BATCH_START, type StateChange } from '@millstream/metrics'
import { seqKey, type CountReading, type DeviceState, type EnergyReading, type HourAccumulator, type IntakeTally } from './device-state.ts'

/** Version of the serialized device state in the changelog; a reader refuses others. */
export const DEVICE_STATE_VERSION = 4
/** Version 2 had no good carry (0 then); versions 2 and 3 no batch carry (the batch in progress then has an unknown start). */
const READABLE_VERSIONS = new Set([2, 3, DEVICE_STATE_VERSION])

type Opt = number | null
const opt = (v: number | undefined): Opt => (v === undefined ? null : v)
const has = (v: Opt | undefined): v is number => v !== null && v !== undefined
/** A sample's boot, appended to its tuple only when there is one (records of version 2 without it still read). */
const bootTail = (boot: string | undefined): [] | [string] => (boot === undefined ? [] : [boot])
const bootOf = (boot: string | undefined) => (boot === undefined ? {} : { boot })

/**
 * Compact JSON of a device's state: samples as tuples with times relative to `finalThroughMs`
 * (a changelog record is written for every changed device at every step, so its size is the
 * changelog's volume). The seq index is not stored: it is rebuilt from the samples.
 */
export function encodeDevice(state: DeviceState): string {
  const base = state.finalThroughMs
  return JSON.stringify({
    v: DEVICE_STATE_VERSION,
    key: state.key,
    base,
    maxTsMs: state.maxTsMs,
    frontierMs: state.frontierMs,
    closedThroughMs: state.closedThroughMs,
    keepFromMs: state.keepFromMs,
    changes: state.changes.map((c) => [c.tsMs - base, c.state, c.reason ?? null, opt(c.seq), ...bootTail(c.boot)]),
    counts: state.counts.map((c) => [c.tsMs - base, c.total, opt(c.good), opt(c.seq), ...bootTail(c.boot)]),
    energy: Object.fromEntries(Object.entries(state.energy).map(([medium, list]) => [medium, list.map((e) => [e.tsMs - base, e.total, opt(e.power), opt(e.seq), ...bootTail(e.boot)])])),
    intake: [...state.intake].map(([m, t]) => [m - base, t.samples, t.late, t.duplicates, t.tooLate]),
    hours: [...state.hours].map(([hourMs, acc]) => [hourMs, acc.fields, acc.stops, acc.minutes]),
    goodCarry: state.carry.goodQty,
    batchCarry: [state.carry.batch.pendingAptMs, state.carry.batch.timeKnown],
  })
}

/**
 * A device as restored from the changelog. What was written to InfluxDB after the changelog record
 * is unknown (a crash loses the record of those writes, not the writes), so every minute that is
 * not final is computed and written again, and so is every open hour: from then on InfluxDB holds
 * what this state says, and replaying the input brings both to the values of an uninterrupted run.
 */
export function decodeDevice(text: string): DeviceState {
  const r = JSON.parse(text) as {
    v: number; key: string; base: number; maxTsMs: number | null; frontierMs: number; closedThroughMs: number; keepFromMs: number
    changes: [number, StateChange['state'], string | null, Opt, string?][]
    counts: [number, number, Opt, Opt, string?][]
    energy: Record<string, [number, number, Opt, Opt, string?][]>
    intake: [number, number, number, number, number][]
    hours: [number, HourAccumulator['fields'], HourAccumulator['stops'], number][]
    goodCarry?: number
    batchCarry?: [number, boolean]
  }
  if (!READABLE_VERSIONS.has(r.v)) throw new Error(`device state version ${String(r.v)} is not ${DEVICE_STATE_VERSION}`)
  const base = r.base
  const changes: StateChange[] = r.changes.map(([dt, s, reason, seq, boot]) => ({ tsMs: base + dt, state: s, ...(reason === null ? {} : { reason }), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))
  const counts: CountReading[] = r.counts.map(([dt, total, good, seq, boot]) => ({ tsMs: base + dt, total, ...(has(good) ? { good } : {}), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))
  const energy = Object.fromEntries(
    Object.entries(r.energy).map(([medium, list]) => [medium, list.map(([dt, total, power, seq, boot]): EnergyReading => ({ tsMs: base + dt, total, ...(has(power) ? { power } : {}), ...(has(seq) ? { seq } : {}), ...bootOf(boot) }))]),
  ) as DeviceState['energy']
  // Seqs of the samples kept past the pruning point: exactly the index the live state keeps.
  const keepFromMs = r.keepFromMs
  const seqs = new Map<string, number>()
  for (const series of [changes, counts, ...Object.values(energy)]) for (const s of series) if (s.seq !== undefined && s.tsMs >= keepFromMs) seqs.set(seqKey(s.seq, s.boot), s.tsMs)
  return {
    key: r.key,
    maxTsMs: r.maxTsMs,
    frontierMs: r.frontierMs,
    changes,
    counts,
    energy,
    seqs,
    intake: new Map(r.intake.map(([dm, samples, late, duplicates, tooLate]): [number, IntakeTally] => [base + dm, { samples, late, duplicates, tooLate }])),
    emitted: new Map(),
    hours: new Map(r.hours.map(([hourMs, fields, stops, minutes]) => [hourMs, { fields, stops, minutes, hash: null }])),
    closedThroughMs: r.closedThroughMs,
    finalThroughMs: base,
    keepFromMs,
    dirtyFromMs: base,
    carry: { goodQty: r.goodCarry ?? 0, batch: r.batchCarry ? { pendingAptMs: r.batchCarry[0], timeKnown: r.batchCarry[1] } : UNKNOWN_BATCH_START },
    carryOut: new Map(),
    computed: new Map(),
  }
}
