import { DEFAULT_CONSTANTS, type Constants } from '../constants/default-constants.ts'
import { finiteResult, nonNegative, positive } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { COAL_BASES, type CoalBasis } from './energy-totals.ts'

/**
 * Conversions between kWh, kgce and MJ. Each uses one constant and has an exact inverse, so a
 * round trip returns what went in (property-tested). The triangle kWh → kgce → MJ does not close
 * exactly at the equivalent value, and cannot: GB/T 2589 prints 0.1229 kgce/kWh (860 kcal ÷ 7 000
 * kcal, rounded) and 29 307 kJ per kgce, so 1 kWh → 0.1229 kgce → 3.6018 MJ, 0.05 % above the
 * kWh's 3.6 MJ. The product therefore converts electricity to MJ from kWh directly, never via
 * kgce; docs/metrics.md §6.1.
 */
const MJ_PER_KWH = 3.6

/** Electricity in kWh to MJ (3.6 MJ per kWh, the definition of the kWh). */
export function kwhToMj(kwh: number): number {
  return finiteResult('kwh', nonNegative('kwh', kwh) * MJ_PER_KWH)
}

export function mjToKwh(mj: number): number {
  return nonNegative('mj', mj) / MJ_PER_KWH
}

/** kgce to MJ through the calorific value of standard coal (29 307 kJ per kgce, GB/T 2589). */
export function kgceToMj(kgce: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('kgce', (nonNegative('kgce', kgce) * positive('c.kjPerKgce', c.kjPerKgce.value)) / 1000)
}

export function mjToKgce(mj: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('mj', (nonNegative('mj', mj) * 1000) / positive('c.kjPerKgce', c.kjPerKgce.value))
}

/** kgce to GJ (1 tce = 29.307 GJ). */
export function kgceToGj(kgce: number, c: Constants = DEFAULT_CONSTANTS): number {
  return kgceToMj(kgce, c) / 1000
}

/** Electricity in kWh to kgce at its equivalent (当量值) or equal (等价值) value. */
export function kwhToKgce(kwh: number, c: Constants = DEFAULT_CONSTANTS, basis: CoalBasis = 'equivalent'): number {
  return finiteResult('kwh', nonNegative('kwh', kwh) * electricityFactor(c, basis))
}

export function kgceToKwh(kgce: number, c: Constants = DEFAULT_CONSTANTS, basis: CoalBasis = 'equivalent'): number {
  return finiteResult('kgce', nonNegative('kgce', kgce) / electricityFactor(c, basis))
}

function electricityFactor(c: Constants, basis: CoalBasis): number {
  if (!(COAL_BASES as readonly unknown[]).includes(basis)) throw new MetricsInputError('basis', `must be one of ${COAL_BASES.join(', ')}`, basis)
  return basis === 'equal'
    ? positive('c.kgcePerKwhElectricityEqualValue', c.kgcePerKwhElectricityEqualValue.value)
    : positive('c.kgcePerKwhElectricity', c.kgcePerKwhElectricity.value)
}
