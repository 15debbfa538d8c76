import type { CountUnit, EnergyMedium } from '@millstream/contract'

/** Published resolution of each unit: whole picks and pieces, grams, centimetres, Wh, kg of steam, litres. */
const COUNT_DECIMALS: Record<CountUnit, number> = { pick: 0, piece: 0, doff: 0, kg: 3, m: 2 }
const MEDIUM_DECIMALS: Record<EnergyMedium, number> = { electricity: 3, steam: 3, water: 3, gas: 3 }

/** Truncates (never rounds up) so a cumulative reading published twice never goes backwards. */
function truncate(value: number, decimals: number): number {
  const factor = 10 ** decimals
  return Number((Math.floor(value * factor + 1e-9) / factor).toFixed(decimals))
}

export const countReading = (value: number, unit: CountUnit) => truncate(value, COUNT_DECIMALS[unit])
export const meterReading = (value: number, medium: EnergyMedium) => truncate(value, MEDIUM_DECIMALS[medium])
export const flowReading = (value: number) => truncate(value, 2)
