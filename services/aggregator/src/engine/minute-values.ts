import {
  apportionDeltas, cumulativeDeltas, discontinuities, idealQuantity, idleEnergy, lumpLongIntervals, machineWindow, maxPlausibleIncrease, peakRate, unknownEntries,
  type CumulativeSample, type DeltaInterval, type DiscontinuityKind, type EnergyMedium, type Interval, type PlanSegment, type PlausibilityLimit, type UnknownEntry,
} from '@millstream/metrics'
import type { DeviceProfile } from './device-profile.ts'
import { INITIAL_CARRY, type DeviceState, type MinuteCarry } from './device-state.ts'
import type { EngineOptions } from './engine-options.ts'
import { machineEnergyFields, meterFieldNames } from './measurements.ts'
import { cumulativeWindow, stateWindow } from './sorted-samples.ts'

/** One minute of one device: the metric fields and, for machines, stops by reason. */
export interface MinuteValues {
  fields: Record<string, number>
  stops: Record<string, { count: number; downS: number }>
  /** Register intervals closed by a reading in this minute, (start, end], that were not counted (issue 9). */
  discontinuities: MinuteDiscontinuity[]
  /** Reported losses of the live state (state `unknown`, e.g. a Sparkplug death) that began in this minute (issue 16). */
  connectionLosses: UnknownEntry[]
  /** Good output not yet counted because output has not caught up (carryGood) and a batch's uncredited run time, into the next minute. */
  carryOut: MinuteCarry
  /** Batch machines: batches completed in the minute whose run time is unknown, left out of performance; null for other devices. */
  uncreditedBatches: number | null
}

export interface MinuteDiscontinuity {
  register: 'count.total' | 'count.good' | EnergyMedium
  kind: DiscontinuityKind
  prev: CumulativeSample
  next: CumulativeSample
  maxPlausibleQty: number
}

export interface MinuteContext {
  options: EngineOptions
  /** The plant's plan segments overlapping the minute. */
  plan: readonly PlanSegment[]
  /** Carried in from the minute before (nothing for meters). */
  carryIn?: MinuteCarry
}

/**
 * A minute's values from the samples kept in the device state, by the domain's rules only
 * (@millstream/metrics): states held until the next message or the staleness limit, ISO 22400
 * elements under the shift plan, counter and meter deltas spread between readings. Each minute is
 * computed from its own samples alone, so its value does not depend on which other minutes were
 * computed with it: the same events always give the same numbers, to the last bit.
 */
export function minuteValues(state: DeviceState, profile: DeviceProfile, minute: Interval, ctx: MinuteContext): MinuteValues {
  return profile.kind === 'machine' ? machineMinute(state, profile, minute, ctx) : meterMinute(state, profile, minute, ctx.options)
}

function machineMinute(state: DeviceState, profile: DeviceProfile, minute: Interval, { options, plan, carryIn = INITIAL_CARRY }: MinuteContext): MinuteValues {
  const timeline = { stalenessMs: options.stalenessMs }
  const changes = stateWindow(state.changes, minute.startMs, minute.endMs)
  const counts = cumulativeWindow(state.counts, minute.startMs, minute.endMs)
  const counter = { maxSpreadMs: options.maxSpreadMs, ...(profile.limits.count ? { limit: profile.limits.count } : {}) }
  // One element timeline for the elements, the state durations and the idle energy split.
  const goodCarryInQty = carryIn.goodQty
  // A batch machine's output is credited with its batch's run time when the batch ends (batchCredit).
  const { elements: e, segments, durations: d, production, batch } = machineWindow({
    changes, counts, window: minute, timeline, plan, unit: profile.unit ?? 'piece', idealRatePerMin: profile.idealRatePerMin ?? 1, counter, goodCarryInQty,
    ...(profile.batchQty === undefined ? {} : { batch: { carryIn: carryIn.batch } }),
  })
  const unit = profile.unit ?? 'piece'
  const stops: MinuteValues['stops'] = {}
  let stopCount = 0
  for (const [reason, tally] of Object.entries(e.stops)) {
    stops[reason] = { count: tally.count, downS: tally.durationMs / 1000 }
    stopCount += tally.count
  }
  const fields: Record<string, number> = {
    running_s: d.running / 1000, idle_s: d.idle / 1000, down_s: d.down / 1000, setup_s: d.setup / 1000,
    planned_stop_s: d.planned_stop / 1000, off_s: d.off / 1000, unknown_s: d.unknown / 1000,
    apt_s: e.aptMs / 1000, asut_s: e.asutMs / 1000, adet_s: e.adetMs / 1000, adot_s: e.adotMs / 1000,
    pdt_s: e.pdtMs / 1000, nonscheduled_s: e.nonScheduledMs / 1000, reasoned_s: e.reasonedMs / 1000,
    stops: stopCount,
    produced_qty: e.producedQty[unit] ?? 0,
    good_qty: e.goodQty[unit] ?? 0,
    inspected_qty: e.inspectedQty[unit] ?? 0,
    // "Ideal output for the run time": what APT would have made at the ideal rate.
    ideal_qty: idealQuantity(e.aptMs, profile.idealRatePerMin ?? 0),
    ideal_produced_s: e.idealProducedMs / 1000,
    ideal_good_s: e.idealGoodMs / 1000,
    ideal_inspected_s: e.idealInspectedMs / 1000,
    // Performance's terms: run time credited with output and that output's ideal time (continuous machines: apt_s, ideal_produced_s).
    credited_apt_s: (e.creditedAptMs ?? e.aptMs) / 1000,
    credited_ideal_s: (e.creditedIdealMs ?? e.idealProducedMs) / 1000,
  }
  const found = [
    ...closedIn(production.totalIntervals, minute, 'count.total', profile.limits.count),
    ...closedIn(production.goodIntervals, minute, 'count.good', profile.limits.count),
  ]
  if (profile.media.length > 0) {
    for (const medium of profile.media) {
      const readings = cumulativeWindow(state.energy[medium] ?? [], minute.startMs, minute.endMs)
      const limit = profile.limits.energy[medium]
      const deltas = cumulativeDeltas(readings, limit ? { limit } : {})
      found.push(...closedIn(deltas, minute, medium, limit))
      const intervals = lumpLongIntervals(deltas, options.maxSpreadMs)
      const split = idleEnergy(intervals, segments)
      const [total, idle, offShift, peak] = machineEnergyFields(medium) as [string, string, string, string]
      fields[total] = apportionDeltas(intervals, [minute])[0] as number
      fields[idle] = split.idleEnergy
      fields[offShift] = split.offShiftEnergy
      fields[peak] = peakRate(readings, minute)
    }
  }
  const goodQty = production.goodQty === null ? goodCarryInQty : production.goodCarryOutQty
  return { fields, stops, discontinuities: found, connectionLosses: unknownEntries(changes, minute), carryOut: { goodQty, batch: batch?.carryOut ?? carryIn.batch }, uncreditedBatches: batch?.uncreditedBatches ?? null }
}

function meterMinute(state: DeviceState, profile: DeviceProfile, minute: Interval, options: EngineOptions): MinuteValues {
  const medium = profile.media[0]
  if (!medium) throw new Error(`meter ${profile.key} has no medium`)
  const readings = cumulativeWindow(state.energy[medium] ?? [], minute.startMs, minute.endMs)
  const [total, peak] = meterFieldNames(medium) as [string, string]
  const limit = profile.limits.energy[medium]
  const deltas = cumulativeDeltas(readings, limit ? { limit } : {})
  return {
    fields: { [total]: apportionDeltas(deltas, [minute], { maxSpreadMs: options.maxSpreadMs })[0] as number, [peak]: peakRate(readings, minute) },
    stops: {},
    discontinuities: closedIn(deltas, minute, medium, limit),
    connectionLosses: [],
    carryOut: INITIAL_CARRY,
    uncreditedBatches: null,
  }
}

/**
 * The discontinuities whose later reading falls in (start, end] of the minute: the minute that
 * reading closes, as for a lumped delta, so each one belongs to exactly one minute (the minutes'
 * reading windows overlap by one reading at each edge).
 */
function closedIn(intervals: readonly DeltaInterval[], minute: Interval, register: MinuteDiscontinuity['register'], limit: PlausibilityLimit | undefined): MinuteDiscontinuity[] {
  return discontinuities(intervals)
    .filter((i) => i.endMs > minute.startMs && i.endMs <= minute.endMs)
    .map((i) => ({ register, kind: i.kind, prev: i.readings.prev, next: i.readings.next, maxPlausibleQty: limit ? maxPlausibleIncrease(limit, i.endMs - i.startMs) : 0 }))
}
