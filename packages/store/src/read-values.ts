import { ELEMENT_FIELDS, ENERGY_MEDIUM_NAMES, INTAKE_FIELDS, machineEnergyFields, mediumField, PERFORMANCE_FIELDS, STATE_FIELDS, type EnergyMedium } from '@millstream/contract'
import { emptyElements, kpis, type EfficiencyElements, type Kpis, type StopTally, type TimelineState } from '@millstream/metrics'

/** How summed fields become the typed values of each query: units converted, ratios by @millstream/metrics. */
type Fields = Readonly<Record<string, number>>
const v = (f: Fields, name: string) => f[name] ?? 0

export const STATE_TIME_FIELDS = STATE_FIELDS
/** Seconds in each state of the timeline (the six of the wire contract and `unknown`). */
export type StateSeconds = Record<TimelineState, number>
export function stateSeconds(f: Fields): StateSeconds {
  return {
    running: v(f, 'running_s'), idle: v(f, 'idle_s'), down: v(f, 'down_s'), setup: v(f, 'setup_s'),
    planned_stop: v(f, 'planned_stop_s'), off: v(f, 'off_s'), unknown: v(f, 'unknown_s'),
  }
}

export const EFFICIENCY_FIELDS = [...ELEMENT_FIELDS, 'unknown_s', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s', ...PERFORMANCE_FIELDS] as const
export const STOP_FIELDS = ['count', 'down_s'] as const
export interface Efficiency {
  /** ISO 22400-2 elements summed over the group and window (quantities per unit are not summed across units). */
  elements: EfficiencyElements
  /** Computed from the sums by @millstream/metrics kpis(): summed, then divided, never averaged. */
  kpis: Kpis
}
export function efficiency(f: Fields, stops: Record<string, StopTally>): Efficiency {
  const ms = (name: string) => v(f, name) * 1000
  const elements: EfficiencyElements = {
    ...emptyElements(),
    aptMs: ms('apt_s'), asutMs: ms('asut_s'), adetMs: ms('adet_s'), adotMs: ms('adot_s'), pdtMs: ms('pdt_s'),
    nonScheduledMs: ms('nonscheduled_s'), unknownMs: ms('unknown_s'), reasonedMs: ms('reasoned_s'),
    idealProducedMs: ms('ideal_produced_s'), idealGoodMs: ms('ideal_good_s'), idealInspectedMs: ms('ideal_inspected_s'),
    // Points written before batch credit lack these: without them performance is taken over all output and APT, as it was.
    ...(f.credited_apt_s === undefined ? {} : { creditedAptMs: ms('credited_apt_s'), creditedIdealMs: ms('credited_ideal_s') }),
    stops,
  }
  return { elements, kpis: kpis(elements) }
}

export interface Stops {
  count: number
  downS: number
}
export const stops = (f: Fields): Stops => ({ count: v(f, 'count'), downS: v(f, 'down_s') })

export const MACHINE_ENERGY_FIELDS = ENERGY_MEDIUM_NAMES.flatMap((m) => machineEnergyFields(m).slice(0, 3))
/** A machine's consumption of one medium in its unit: all of it, drawn while not running in planned time, and outside the plan. */
export interface MachineEnergy {
  total: number
  idle: number
  offShift: number
}
export function machineEnergy(f: Fields): Partial<Record<EnergyMedium, MachineEnergy>> {
  const out: Partial<Record<EnergyMedium, MachineEnergy>> = {}
  for (const medium of ENERGY_MEDIUM_NAMES) {
    const [total, idle, offShift] = machineEnergyFields(medium)
    if (f[total] !== undefined) out[medium] = { total: v(f, total), idle: v(f, idle), offShift: v(f, offShift) }
  }
  return out
}

export const METER_ENERGY_FIELDS = ENERGY_MEDIUM_NAMES.map(mediumField)
/** Meter consumption per medium, in the medium's unit (kWh, t, m3, Nm3). */
export function meterEnergy(f: Fields): Partial<Record<EnergyMedium, number>> {
  const out: Partial<Record<EnergyMedium, number>> = {}
  for (const medium of ENERGY_MEDIUM_NAMES) if (f[mediumField(medium)] !== undefined) out[medium] = v(f, mediumField(medium))
  return out
}

export const INTAKE_QUERY_FIELDS = INTAKE_FIELDS
/**
 * What arrived: accepted samples, of which late, duplicates dropped, too late (dead-lettered),
 * discontinuities excluded, and losses of the live state reported (a Sparkplug death; issue 16).
 */
export interface Intake {
  samples: number
  lateSamples: number
  duplicates: number
  tooLate: number
  discontinuities: number
  connectionLosses: number
  /** Batches whose output was counted but left out of performance, their run time unknown (docs/metrics.md §4.3). */
  uncreditedBatches: number
}
export const intake = (f: Fields): Intake => ({
  samples: v(f, 'samples'), lateSamples: v(f, 'late_samples'), duplicates: v(f, 'duplicates'), tooLate: v(f, 'too_late'), discontinuities: v(f, 'discontinuities'), connectionLosses: v(f, 'connection_losses'),
  uncreditedBatches: v(f, 'uncredited_batches'),
})

export const COVERAGE_FIELDS = STATE_FIELDS
/** Known (any state but unknown) and unknown seconds in the points; coverage counts missing points as unknown. */
export interface Coverage {
  knownS: number
  unknownS: number
  /** knownS / (machines × window seconds); null when the number of machines is not known. */
  coverage: number | null
}
export function coverage(f: Fields, windowS: number, machines: number | undefined): Coverage {
  const knownS = STATE_FIELDS.filter((s) => s !== 'unknown_s').reduce((n, s) => n + v(f, s), 0)
  return { knownS, unknownS: v(f, 'unknown_s'), coverage: machines && windowS > 0 ? knownS / (machines * windowS) : null }
}

export const PRODUCTION_QUERY_FIELDS = ['produced_qty', 'good_qty', 'inspected_qty', 'ideal_produced_s', 'credited_ideal_s', 'apt_s', 'asut_s', 'adet_s', 'adot_s', 'stops'] as const
/**
 * Output in the group's count unit (the query always groups by `unit`: picks and kilograms never
 * add), its ideal seconds, and the ISO 22400 busy-time elements it was made in (s): what loom,
 * ring-frame and specific-energy figures divide by.
 */
export interface Production {
  producedQty: number
  goodQty: number
  inspectedQty: number
  idealProducedS: number
  /**
   * The ideal seconds of the output credited with run time (docs/metrics.md §4.3, §4.4): without
   * a batch of unknown time or output revealed after a silence. Points written before batch
   * credit lack the field: then all output's, `idealProducedS`.
   */
  creditedIdealS: number
  aptS: number
  asutS: number
  adetS: number
  adotS: number
  stops: number
}
export const production = (f: Fields): Production => ({
  producedQty: v(f, 'produced_qty'), goodQty: v(f, 'good_qty'), inspectedQty: v(f, 'inspected_qty'), idealProducedS: v(f, 'ideal_produced_s'),
  creditedIdealS: f.credited_ideal_s === undefined ? v(f, 'ideal_produced_s') : v(f, 'credited_ideal_s'),
  aptS: v(f, 'apt_s'), asutS: v(f, 'asut_s'), adetS: v(f, 'adet_s'), adotS: v(f, 'adot_s'), stops: v(f, 'stops'),
})
