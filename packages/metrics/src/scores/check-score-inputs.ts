import { z } from 'zod'
import { MetricsConfigError } from '../config-error.ts'
import { checkUnit } from '../efficiency/check-elements.ts'
import { nonNegative, optional, partOf, share } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import type { DigitalizationInputs } from './digitalization-score.ts'
import type { EnergyScoreInputs } from './energy-score.ts'

/**
 * Ratios whose numerator counts a part of the denominator's whole (issue 9 §3): more connected
 * machines than registered, more timely samples than samples, more reasoned stop time than stop
 * time are impossible and refused. D3 (samples received / expected) and D5 (sub-metered / main
 * meter kWh) may exceed 1 in honest data (a device sending more often than planned, meter
 * tolerances); their ramps clamp.
 */
const PARTS: Record<keyof DigitalizationInputs, boolean> = {
  networking: true, acquisition: true, completeness: false, timeliness: true, subMetering: false, stopAttribution: true, kpiComputability: true,
}

export function checkDigitalizationInputs(inputs: DigitalizationInputs): void {
  if (inputs === null || typeof inputs !== 'object') throw new MetricsInputError('inputs', 'must be an object of ratio inputs', inputs)
  for (const [key, ratio] of Object.entries(inputs) as [keyof DigitalizationInputs, DigitalizationInputs[keyof DigitalizationInputs]][]) {
    if (ratio === undefined) continue
    if (!(key in PARTS)) throw new MetricsInputError(`inputs.${key}`, 'is not a digitalization input', ratio)
    nonNegative(`inputs.${key}.numerator`, ratio.numerator)
    nonNegative(`inputs.${key}.denominator`, ratio.denominator)
    if (PARTS[key]) partOf(`inputs.${key}.numerator`, ratio.numerator, ratio.denominator)
  }
}

export function checkEnergyInputs(inputs: EnergyScoreInputs): void {
  if (inputs === null || typeof inputs !== 'object') throw new MetricsInputError('inputs', 'must be an object of energy inputs', inputs)
  optional(share, 'inputs.mainMeterCompleteness', inputs.mainMeterCompleteness)
  optional(nonNegative, 'inputs.subMeteredShare', inputs.subMeteredShare)
  optional(share, 'inputs.idleShare', inputs.idleShare)
  for (const [i, f] of (inputs.families ?? []).entries()) {
    if (typeof f.family !== 'string') throw new MetricsInputError(`inputs.families[${i}].family`, 'must be a family name', f.family)
    nonNegative(`inputs.families[${i}].energyKgce`, f.energyKgce)
    nonNegative(`inputs.families[${i}].outputQty`, f.outputQty)
    checkUnit(`inputs.families[${i}].unit`, f.unit)
  }
  const b = inputs.baseline
  if (b) for (const key of ['actualEnergy', 'expectedEnergy', 'baselineMonths', 'yearsSinceBaseline'] as const) nonNegative(`inputs.baseline.${key}`, b[key])
  const l = inputs.loadShift
  if (l) {
    for (const key of ['peakKwh', 'totalKwh', 'peakPotMs', 'potMs'] as const) nonNegative(`inputs.loadShift.${key}`, l[key])
    partOf('inputs.loadShift.peakKwh', l.peakKwh, l.totalKwh)
    partOf('inputs.loadShift.peakPotMs', l.peakPotMs, l.potMs)
  }
}

/** A score model passed in directly (not through resolve*Config) is validated the same way. */
export function checkConfig<T>(config: T, defaults: T, schema: z.ZodType): void {
  if (config === defaults) return
  const parsed = schema.safeParse(config)
  if (!parsed.success) throw new MetricsConfigError(`invalid score config: ${z.prettifyError(parsed.error)}`, { cause: parsed.error })
}
