import { z } from 'zod'
import { idSchema } from './ids.ts'
import { COUNT_UNITS, ENERGY_MEDIA, ENERGY_MEDIUM_NAMES, type EnergyMedium } from './payloads.ts'
import { MACHINE_TYPES } from './registry.ts'

/**
 * The InfluxDB schema the aggregator writes and every reader reads (docs/data-model.md): one
 * bucket, these measurements, their tags and fields. Timestamps are window starts, second
 * precision. Every field is additive over devices and windows except `*_peak_rate` (max).
 */
export const MEASUREMENTS = {
  machineMinute: 'machine_minute',
  machineHour: 'machine_hour',
  machineStopMinute: 'machine_stop_minute',
  machineStopHour: 'machine_stop_hour',
  meterMinute: 'meter_minute',
  meterHour: 'meter_hour',
  intakeMinute: 'device_intake_minute',
  /**
   * Line and plant roll-ups of `machine_hour` / `machine_stop_hour` (issue 13): per line (tags
   * firm, plant, line) or plant (firm, plant) and local hour, the sum over the machines of
   * LINE_ROLLUP_FIELDS, written by the aggregator's roll-up stage. Readers sum 1 series per line
   * instead of one per machine.
   */
  lineHour: 'line_hour',
  lineStopHour: 'line_stop_hour',
  plantHour: 'plant_hour',
  plantStopHour: 'plant_stop_hour',
  /**
   * Process gauges (issue 16, docs/process-gauges.md): per device, gauge and minute / local hour,
   * PROCESS_FIELDS; tags processTagsSchema. Not additive: min and max are extremes, mean is the
   * mean of the readings (an hour's is weighted by its minutes' counts).
   */
  processMinute: 'process_minute',
  processHour: 'process_hour',
  /** One point per out-of-range reading, at its event time (s): fields value, min, max. */
  processOutOfRange: 'process_out_of_range',
} as const
export type Measurement = (typeof MEASUREMENTS)[keyof typeof MEASUREMENTS]

/**
 * Written by the scorer, not the aggregator (issue 12; docs/scores.md §5). Tags: firm, plant,
 * period (rolling_24h | day | month), kind (digitalization | energy); time = period start.
 * `plant_score` fields: score (absent when not enough data), status, level, model_version, record
 * (the mill.scores.v1 JSON). `plant_score_component` adds the tag component: value, weight, points.
 */
export const SCORE_MEASUREMENTS = {
  plantScore: 'plant_score',
  plantScoreComponent: 'plant_score_component',
  /**
   * Roll-ups (score-rollups.ts). Tags: scope (firm | cluster | product_family), subject, period,
   * kind; time = period start. Fields: score (absent without scored plants), plants,
   * plants_without_data, weighting, record (the mill.score-rollups.v1 JSON, on kind digitalization).
   */
  scoreRollup: 'score_rollup',
  /** A plant's percentile rank among its peers. Tags: firm, plant, period, kind, scope (cluster | product_family), subject; field percentile (0-100). */
  scorePercentile: 'score_percentile',
} as const

const plantTags = { firm: idSchema, plant: idSchema, line: idSchema }
/** Tags of `machine_minute` and `machine_hour`. */
export const machineTagsSchema = z.object({
  ...plantTags,
  machine: idSchema,
  machine_type: z.enum(Object.keys(MACHINE_TYPES) as [keyof typeof MACHINE_TYPES]),
  unit: z.enum(COUNT_UNITS),
})
/** Tags of `machine_stop_*`: the machine's, and the device's reason code (`unspecified` when none). */
export const stopTagsSchema = machineTagsSchema.extend({ reason: z.string().min(1) })
/** Tags of `meter_*`. */
export const meterTagsSchema = z.object({ ...plantTags, meter: idSchema, scope: z.enum(['line', 'plant']), medium: z.enum(ENERGY_MEDIUM_NAMES) })
/** Tags of `device_intake_minute`. */
export const intakeTagsSchema = z.object({ ...plantTags, device: idSchema, kind: z.enum(['machine', 'meter']) })
/** Tags of `process_minute`, `process_hour` and `process_out_of_range`: the device, its kind, the gauge and its unit. */
export const processTagsSchema = z.object({ ...plantTags, device: idSchema, kind: z.enum(['machine', 'sensor']), gauge: z.string().min(1), unit: z.string().min(1) })
export type ProcessTags = z.infer<typeof processTagsSchema>
export type MachineTags = z.infer<typeof machineTagsSchema>
export type StopTags = z.infer<typeof stopTagsSchema>
export type MeterTags = z.infer<typeof meterTagsSchema>
export type IntakeTags = z.infer<typeof intakeTagsSchema>

/** Time in each state of the wire contract, and `unknown` (no live state); they add up to the window. */
export const STATE_FIELDS = ['running_s', 'idle_s', 'down_s', 'setup_s', 'planned_stop_s', 'off_s', 'unknown_s'] as const
/** ISO 22400-2 time elements (s) under the shift plan, and non-running planned time with a reason. */
export const ELEMENT_FIELDS = ['apt_s', 'asut_s', 'adet_s', 'adot_s', 'pdt_s', 'nonscheduled_s', 'reasoned_s'] as const
/** Quantities in the machine's `unit` tag, and the same in ideal seconds (PRU × quantity). */
export const PRODUCTION_FIELDS = ['produced_qty', 'good_qty', 'inspected_qty', 'ideal_qty', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s'] as const
/**
 * Performance's terms (s): the run time credited with output and the ideal time of that output.
 * A batch machine's output is credited with its batch's run time in the minute the batch ends
 * (batches whose time is unknown are left out of both); a continuous machine's are `apt_s` and
 * `ideal_produced_s`. Performance = Σ credited_ideal_s / Σ credited_apt_s (docs/metrics.md §4.3).
 */
export const PERFORMANCE_FIELDS = ['credited_apt_s', 'credited_ideal_s'] as const
/**
 * `device_intake_minute`: what arrived for the minute, `discontinuities`: register intervals
 * closed in the minute that were not counted (impossible steps, sent to mill.telemetry.anomaly.v1),
 * and `connection_losses`: reported losses of the live state that began in the minute (state
 * `unknown`, e.g. a Sparkplug death; issue 16; each also a `connection_lost` event on that topic).
 * `uncredited_batches` (batch machines only; absent elsewhere and before batch credit): batches
 * whose output was completed in the minute but left out of performance, their run time unknown.
 */
export const INTAKE_FIELDS = ['samples', 'late_samples', 'duplicates', 'too_late', 'discontinuities', 'connection_losses', 'uncredited_batches'] as const
/** Stop points (`machine_stop_*`). */
export const STOP_FIELDS = ['count', 'down_s'] as const

/**
 * A gauge's minute (and hour, with `minutes`): lowest, mean and highest reading in the gauge's unit,
 * how many readings, and how many of them lay outside the plausible range (each also an event).
 */
export const PROCESS_FIELDS = ['min', 'mean', 'max', 'count', 'out_of_range'] as const
/** Fields of a `process_out_of_range` point: the reading and the range it fell outside of. */
export const PROCESS_EVENT_FIELDS = ['value', 'min', 'max'] as const

/** Fields written as integers (`i` in line protocol); all others are floats. */
export const INTEGER_FIELDS: ReadonlySet<string> = new Set(['stops', 'minutes', 'count', 'out_of_range', ...INTAKE_FIELDS])

/** The medium's unit as a field suffix: `kwh`, `t`, `m3`, `nm3`. */
export const mediumUnitSuffix = (medium: EnergyMedium): string => ENERGY_MEDIA[medium].unit.toLowerCase()
/** `electricity_kwh`, `steam_t`, `water_m3`, `gas_nm3`: consumption in the medium's unit. */
export const mediumField = (medium: EnergyMedium): string => `${medium}_${mediumUnitSuffix(medium)}`
/** Highest instantaneous rate in the window: kW for electricity, the device's flow unit otherwise. */
export const peakRateField = (medium: EnergyMedium): string => `${medium}_peak_rate`

/** Energy fields of one medium on a machine: total, idle (inside planned time), off-shift, peak rate. */
export function machineEnergyFields(medium: EnergyMedium): [total: string, idle: string, offShift: string, peak: string] {
  const unit = mediumUnitSuffix(medium)
  return [`${medium}_${unit}`, `${medium}_idle_${unit}`, `${medium}_offshift_${unit}`, peakRateField(medium)]
}

export function machineFieldNames(media: readonly EnergyMedium[]): string[] {
  return [...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', ...PRODUCTION_FIELDS, ...PERFORMANCE_FIELDS, ...media.flatMap(machineEnergyFields)]
}

/**
 * Fields of `line_hour` and `plant_hour`: the machine fields that add up across machines of any
 * count unit (seconds, ideal seconds, stops, energy in the medium's unit) and `minutes` (machine
 * minutes summed). Quantities (`*_qty`, per unit) and peak rates (a max per machine) are left out.
 */
export const LINE_ROLLUP_FIELDS: readonly string[] = [
  ...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s', ...PERFORMANCE_FIELDS,
  ...ENERGY_MEDIUM_NAMES.flatMap((m) => machineEnergyFields(m).slice(0, 3)), 'minutes',
]

export function meterFieldNames(medium: EnergyMedium): [total: string, peak: string] {
  return [mediumField(medium), peakRateField(medium)]
}

/** Whether the hour rollup takes the max of a field over its minutes instead of the sum. */
export function isPeakField(name: string): boolean {
  return name.endsWith('_peak_rate')
}

const amount = z.number().nonnegative()
const count = z.number().int().nonnegative()
const fieldsOf = (names: readonly string[], schema: z.ZodType<number>) => Object.fromEntries(names.map((n) => [n, schema]))
const optionalFieldsOf = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, amount.optional()]))

/** Fields of a `machine_minute` point: always the fixed ones, and the energy fields of its media. */
export const machineMinuteFieldsSchema = z.object({
  ...fieldsOf([...STATE_FIELDS, ...ELEMENT_FIELDS, ...PRODUCTION_FIELDS, ...PERFORMANCE_FIELDS], amount),
  stops: count,
  ...optionalFieldsOf(ENERGY_MEDIUM_NAMES.flatMap(machineEnergyFields)),
})
/** A `machine_hour` point: the sums of the hour's final minutes (peaks: max) and how many there were. */
export const machineHourFieldsSchema = machineMinuteFieldsSchema.extend({ minutes: count })
/** Fields of a `meter_minute` point: its medium's consumption and peak rate. */
export const meterMinuteFieldsSchema = z.object(optionalFieldsOf(ENERGY_MEDIUM_NAMES.flatMap(meterFieldNames)))
export const meterHourFieldsSchema = meterMinuteFieldsSchema.extend({ minutes: count })
export const stopFieldsSchema = z.object({ count, down_s: amount })
/** A `process_minute` point (issue 16): readings of one gauge; min, mean and max in the gauge's unit, any sign. */
export const processMinuteFieldsSchema = z.object({ min: z.number(), mean: z.number(), max: z.number(), count, out_of_range: count })
export const processHourFieldsSchema = processMinuteFieldsSchema.extend({ minutes: count })
/** A `process_out_of_range` point: the reading and the plausible range it left. */
export const processEventFieldsSchema = z.object({ value: z.number(), min: z.number(), max: z.number() })
export const intakeFieldsSchema = z.object({ ...fieldsOf(INTAKE_FIELDS.filter((f) => f !== 'uncredited_batches'), count), uncredited_batches: count.optional() })
export type MachineMinuteFields = z.infer<typeof machineMinuteFieldsSchema>
export type MachineHourFields = z.infer<typeof machineHourFieldsSchema>
export type MeterMinuteFields = z.infer<typeof meterMinuteFieldsSchema>
export type StopFields = z.infer<typeof stopFieldsSchema>
export type IntakeFields = z.infer<typeof intakeFieldsSchema>

/** The unit of a field, from its name (docs/data-model.md "units in names"). */
export function fieldUnit(name: string): string {
  if (name.endsWith('_s')) return 's'
  if (name.endsWith('_qty')) return 'unit tag'
  if (isPeakField(name)) return name.startsWith('electricity') ? 'kW' : 'flow'
  const medium = ENERGY_MEDIUM_NAMES.find((m) => name.startsWith(`${m}_`) && name.endsWith(`_${mediumUnitSuffix(m)}`))
  return medium ? ENERGY_MEDIA[medium].unit : 'count'
}
