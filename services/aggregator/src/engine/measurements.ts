import { ENERGY_MEDIUM_UNITS, type EnergyMedium } from '@millstream/metrics'

/**
 * InfluxDB measurements the aggregator writes (docs/data-model.md). Every point of a measurement
 * for a given device always carries the same fields, so a corrected point overwrites every field
 * of the old one (InfluxDB keeps fields a later write leaves out).
 */
export const MEASUREMENTS = {
  machineMinute: 'machine_minute',
  machineHour: 'machine_hour',
  machineStopMinute: 'machine_stop_minute',
  machineStopHour: 'machine_stop_hour',
  meterMinute: 'meter_minute',
  meterHour: 'meter_hour',
  intakeMinute: 'device_intake_minute',
} as const

export const STATE_FIELDS = ['running_s', 'idle_s', 'down_s', 'setup_s', 'planned_stop_s', 'off_s', 'unknown_s'] as const
export const ELEMENT_FIELDS = ['apt_s', 'asut_s', 'adet_s', 'adot_s', 'pdt_s', 'nonscheduled_s', 'reasoned_s'] as const
export const PRODUCTION_FIELDS = ['produced_qty', 'good_qty', 'inspected_qty', 'ideal_qty', 'ideal_produced_s', 'ideal_good_s', 'ideal_inspected_s'] as const
export const INTAKE_FIELDS = ['samples', 'late_samples', 'duplicates', 'too_late', 'discontinuities'] as const

/** Fields written as integers (`i` in line protocol); all others are floats. */
export const INTEGER_FIELDS: ReadonlySet<string> = new Set(['stops', 'minutes', 'count', ...INTAKE_FIELDS])

/** `electricity_kwh`, `steam_t`, `water_m3`, `gas_nm3`: consumption in the medium's unit. */
export function mediumField(medium: EnergyMedium): string {
  return `${medium}_${ENERGY_MEDIUM_UNITS[medium].toLowerCase()}`
}

/** Energy fields of one medium on a machine: total, idle (inside planned time), off-shift, peak rate. */
export function machineEnergyFields(medium: EnergyMedium): string[] {
  const unit = ENERGY_MEDIUM_UNITS[medium].toLowerCase()
  return [`${medium}_${unit}`, `${medium}_idle_${unit}`, `${medium}_offshift_${unit}`, `${medium}_peak_rate`]
}

export function machineFieldNames(media: readonly EnergyMedium[]): string[] {
  return [...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', ...PRODUCTION_FIELDS, ...media.flatMap(machineEnergyFields)]
}

export function meterFieldNames(medium: EnergyMedium): string[] {
  return [mediumField(medium), `${medium}_peak_rate`]
}

/** Fields summed into the hour rollup with max() instead of a sum. */
export function isPeakField(name: string): boolean {
  return name.endsWith('_peak_rate')
}
