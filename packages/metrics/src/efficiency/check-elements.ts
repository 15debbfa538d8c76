import { finiteDeep, nonNegative, positive } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { COUNT_UNITS, type EfficiencyElements } from './elements.ts'

const TIME_AND_IDEAL_KEYS = [
  'aptMs', 'asutMs', 'adetMs', 'adotMs', 'pdtMs', 'nonScheduledMs', 'unknownMs', 'reasonedMs',
  'idealProducedMs', 'idealInspectedMs', 'idealGoodMs',
] as const

/** Elements are sums of durations and quantities: every one finite and not negative. */
export function checkElements(argument: string, e: EfficiencyElements): void {
  if (e === null || typeof e !== 'object') throw new MetricsInputError(argument, 'must be efficiency elements', e)
  for (const key of TIME_AND_IDEAL_KEYS) nonNegative(`${argument}.${key}`, e[key])
  for (const key of ['creditedAptMs', 'creditedIdealMs'] as const) if (e[key] !== undefined) nonNegative(`${argument}.${key}`, e[key])
  for (const key of ['producedQty', 'inspectedQty', 'goodQty'] as const) {
    for (const [unit, qty] of Object.entries(e[key] ?? {})) nonNegative(`${argument}.${key}.${unit}`, qty)
  }
  for (const [reason, t] of Object.entries(e.stops ?? {})) {
    nonNegative(`${argument}.stops.${reason}.count`, t.count)
    nonNegative(`${argument}.stops.${reason}.durationMs`, t.durationMs)
  }
}

/** A count unit of the wire contract. */
export function checkUnit(argument: string, unit: unknown): void {
  if (!(COUNT_UNITS as readonly unknown[]).includes(unit)) throw new MetricsInputError(argument, `must be one of ${COUNT_UNITS.join(', ')}`, unit)
}

/** A production of a window: quantities not negative, an ideal rate above 0 (PRU = 1 / rate). */
export function checkProduction(argument: string, p: { unit: unknown; producedQty: number; goodQty?: number | null; idealRatePerMin: number }): void {
  checkUnit(`${argument}.unit`, p.unit)
  nonNegative(`${argument}.producedQty`, p.producedQty)
  if (p.goodQty !== undefined && p.goodQty !== null) nonNegative(`${argument}.goodQty`, p.goodQty)
  positive(`${argument}.idealRatePerMin`, p.idealRatePerMin)
}

/** Result elements: sums of huge inputs can overflow. */
export function finiteElements(argument: string, e: EfficiencyElements): EfficiencyElements {
  return finiteDeep(argument, e)
}
