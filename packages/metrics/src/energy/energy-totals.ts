import { DEFAULT_CONSTANTS, type ConstantName, type Constants } from '../constants/default-constants.ts'

/** Media of cumulative meters (packages/contract ENERGY_MEDIA) and their physical units. */
export const ENERGY_MEDIUM_UNITS = { electricity: 'kWh', steam: 't', water: 'm3', gas: 'Nm3' } as const
export type EnergyMedium = keyof typeof ENERGY_MEDIUM_UNITS
export const ENERGY_MEDIA = Object.keys(ENERGY_MEDIUM_UNITS) as EnergyMedium[]

/** Consumption per medium in its physical unit (kWh, t, m3, Nm3). */
export type EnergyTotals = Partial<Record<EnergyMedium, number>>

export function addEnergyTotals(a: EnergyTotals, b: EnergyTotals): EnergyTotals {
  const sum: EnergyTotals = { ...a }
  for (const medium of ENERGY_MEDIA) if (b[medium] !== undefined) sum[medium] = (sum[medium] ?? 0) + (b[medium] as number)
  return sum
}

/** A conversion result: the total, its parts, and what was left out because no factor is set. */
export interface Converted {
  total: number
  byMedium: EnergyTotals
  /** Media with consumption but a zero factor: not in `total`; the UI says so. */
  excludedMedia: EnergyMedium[]
}

const KGCE_FACTORS: Record<EnergyMedium, ConstantName> = {
  electricity: 'kgcePerKwhElectricity',
  steam: 'kgcePerTSteam',
  water: 'kgcePerM3Water',
  gas: 'kgcePerNm3Gas',
}
const CO2_FACTORS: Partial<Record<EnergyMedium, ConstantName>> = {
  electricity: 'gridCo2KgPerKwh',
  steam: 'co2KgPerTSteam',
  gas: 'co2KgPerNm3Gas',
}

/**
 * Comprehensive energy consumption in kg of standard coal, E = Σ Q_j × k_j (GB/T 2589 [S21]),
 * with equivalent-value (当量值) coefficients of GB/T 2589-2008 Appendix A (see constants).
 * Equal value (等价值) needs a yearly coefficient: override `kgcePerKwhElectricity` with it.
 */
export function standardCoalKgce(totals: EnergyTotals, c: Constants = DEFAULT_CONSTANTS): Converted {
  return convert(totals, (m) => c[KGCE_FACTORS[m]].value)
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
  const result: Converted = { total: 0, byMedium: {}, excludedMedia: [] }
  for (const medium of ENERGY_MEDIA) {
    const qty = totals[medium]
    if (qty === undefined) continue
    const factor = factorOf(medium)
    if (factor === 0 && qty !== 0) result.excludedMedia.push(medium)
    result.byMedium[medium] = qty * factor
    result.total += qty * factor
  }
  return result
}

/** kgce to GJ through the calorific value of standard coal (29 307 kJ per kgce, GB/T 2589). */
export function kgceToGj(kgce: number, c: Constants = DEFAULT_CONSTANTS): number {
  return (kgce * c.kjPerKgce.value) / 1e6
}

/** Electricity in kWh to MJ (3.6 MJ per kWh, the definition of the kWh). */
export function kwhToMj(kwh: number): number {
  return kwh * 3.6
}
