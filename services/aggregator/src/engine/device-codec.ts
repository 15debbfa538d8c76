import type { DeviceState, HourAccumulator, IntakeTally } from './device-state.ts'

/** Version of the serialized device state in the changelog; a reader refuses others. */
export const DEVICE_STATE_VERSION = 1

/** Plain JSON of a device's state (Maps as entry lists). */
export function encodeDevice(state: DeviceState): string {
  return JSON.stringify({
    v: DEVICE_STATE_VERSION,
    key: state.key,
    maxTsMs: state.maxTsMs,
    frontierMs: state.frontierMs,
    changes: state.changes,
    counts: state.counts,
    energy: state.energy,
    seqs: [...state.seqs],
    intake: [...state.intake],
    hours: [...state.hours].map(([hourMs, acc]) => [hourMs, { fields: acc.fields, stops: acc.stops, minutes: acc.minutes }]),
    closedThroughMs: state.closedThroughMs,
    finalThroughMs: state.finalThroughMs,
  })
}

/**
 * A device as restored from the changelog. What was written to InfluxDB after the changelog record
 * is unknown (a crash loses the record of those writes, not the writes), so every minute that is
 * not final is computed and written again, and so is every open hour: from then on InfluxDB holds
 * what this state says, and replaying the input brings both to the values of an uninterrupted run.
 */
export function decodeDevice(text: string): DeviceState {
  const raw = JSON.parse(text) as Record<string, unknown> & { v?: number }
  if (raw.v !== DEVICE_STATE_VERSION) throw new Error(`device state version ${String(raw.v)} is not ${DEVICE_STATE_VERSION}`)
  const r = raw as unknown as Omit<DeviceState, 'seqs' | 'intake' | 'emitted' | 'hours'> & {
    seqs: [number, number][]
    intake: [number, IntakeTally][]
    hours: [number, Omit<HourAccumulator, 'hash'>][]
  }
  return {
    key: r.key,
    maxTsMs: r.maxTsMs,
    frontierMs: r.frontierMs,
    changes: r.changes,
    counts: r.counts,
    energy: r.energy,
    seqs: new Map(r.seqs),
    intake: new Map(r.intake),
    emitted: new Map(),
    hours: new Map(r.hours.map(([hourMs, acc]) => [hourMs, { ...acc, hash: null }])),
    closedThroughMs: r.closedThroughMs,
    finalThroughMs: r.finalThroughMs,
    dirtyFromMs: r.finalThroughMs,
  }
}
