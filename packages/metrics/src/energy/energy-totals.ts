import { DEFAULT_CONSTANTS, type ConstantName, type Constants } from '../constants/default-constants.ts'
import { finiteResult, nonNegative } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/** Media of cumulative meters (packages/contract ENERGY_MEDIA) and their physical units. */
export const ENERGY_MEDIUM_UNITS = { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' } as const
export type EnergyMedium = keyof typeof ENERGY_MEDIUM_UNITS
export const ENERGY_MEDIA = Object.keys(ENERGY_MEDIUM_UNITS) as EnergyMedium[]

/** Consumption per medium in its physical unit (kWh, t, m3, Nm3). */
export type EnergyTotals = Partial<Record<EnergyMedium, number>>

export function addEnergyTotals(a: EnergyTotals, b: EnergyTotals): EnergyTotals {
  checkTotals('a', a)
  checkTotals('b', b)
  const sum: EnergyTotals = { ...a }
  for (const medium of ENERGY_MEDIA) if (b[medium] !== undefined) sum[medium] = finiteResult(`a.${medium} + b.${medium}`, (sum[medium] ?? 0) + (b[medium] as number))
  return sum
}

/** Consumption of known media, each finite and not negative (a meter never gives energy back). */
export function checkTotals(argument: string, totals: EnergyTotals): void {
  if (totals === null || typeof totals !== 'object') throw new MetricsInputError(argument, 'must be consumption per medium', totals)
  for (const [medium, qty] of Object.entries(totals)) {
    if (!(medium in ENERGY_MEDIUM_UNITS)) throw new MetricsInputError(`${argument}.${medium}`, `is not a medium (${ENERGY_MEDIA.join(', ')})`, qty)
    if (qty !== undefined) nonNegative(`${argument}.${medium}`, qty)
  }
}

/** A conversion result: the total, its parts, and what was left out because no factor is set. */
export interface Converted {
  total: number
  byMedium: EnergyTotals
  /** Media with consumption but a zero factor: not in `total`; the UI says so. */
  excludedMedia: EnergyMedium[]
}

/**
 * Equivalent value (当量值) converts by heat content; equal value (等价值) by the primary energy
 * spent to make a secondary one, which for electricity is the grid's coal per kWh supplied.
 * Reports show both (domain.md §1.5); only electricity's coefficient differs here.
 */
export const COAL_BASES = ['equivalent', 'equal'] as const
export type CoalBasis = (typeof COAL_BASES)[number]

const KGCE_FACTORS: Record<CoalBasis, Record<EnergyMedium, ConstantName>> = {
  equivalent: { electricity: 'kgcePerKwhElectricity', steam: 'kgcePerTSteam', water: 'kgcePerM3Water', gas: 'kgcePerNm3Gas' },
  equal: { electricity: 'kgcePerKwhElectricityEqualValue', steam: 'kgcePerTSteam', water: 'kgcePerM3Water', gas: 'kgcePerNm3Gas' },
}
const CO2_FACTORS: Partial<Record<EnergyMedium, ConstantName>> = {
  electricity: 'gridCo2KgPerKwh',
  steam: 'co2KgPerTSteam',
  gas: 'co2KgPerNm3Gas',
}

/**
 * Comprehensive energy consumption in kg of standard coal, E = Σ Q_j × k_j (GB/T 2589 [S21]),
 * by default with the equivalent-value (当量值) coefficients of GB/T 2589-2008 Appendix A; with
 * basis `equal`, electricity at its equal value (等价值, constant kgcePerKwhElectricityEqualValue).
 */
export function standardCoalKgce(totals: EnergyTotals, c: Constants = DEFAULT_CONSTANTS, basis: CoalBasis = 'equivalent'): Converted {
  const factors = KGCE_FACTORS[basis]
  if (!factors) throw new MetricsInputError('basis', `must be one of ${COAL_BASES.join(', ')}`, basis)
  return convert(totals, (m) => c[factors[m]].value)
}

/**
 * CO2 in kg: purchased electricity × grid factor (MEE & NBS, default 2023 national average), gas
 * burnt on site × its combustion factor, purchased steam × a supplier factor when configured.
 * Water carries no factor.
 */
export function co2Kg(totals: EnergyTotals, c: Constants = DEFAULT_CONSTANTS): Converted {
  return convert(totals, (m) => {
    const name = CO2_FACTORS[m]
    return name ? c[name].value : 0
  })
}

function convert(totals: EnergyTotals, factorOf: (m: EnergyMedium) => number): Converted {
  checkTotals('totals', totals)
  const result: Converted = { total: 0, byMedium: {}, excludedMedia: [] }
  for (const medium of ENERGY_MEDIA) {
    const qty = totals[medium]
    if (qty === undefined) continue
    const factor = nonNegative(`factor of ${medium}`, factorOf(medium))
    if (factor === 0 && qty !== 0) result.excludedMedia.push(medium)
    result.byMedium[medium] = finiteResult(`totals.${medium}`, qty * factor)
    result.total = finiteResult('totals', result.total + qty * factor)
  }
  return result
}
