import { checkUnit } from '../efficiency/check-elements.ts'
import { finiteResult, nonNegative } from '../input/check-number.ts'
import type { CountUnit } from '../efficiency/elements.ts'

/**
 * The output quantity specific consumption is quoted per: per kg of yarn or fibre, per 100 m of
 * fabric (the unit of the dyeing norms [S28]), per piece, per 10^5 picks, per doff.
 */
export const SEC_BASIS: Record<CountUnit, { perQty: number; label: string }> = {
  kg: { perQty: 1, label: 'kg' },
  m: { perQty: 100, label: '100 m' },
  piece: { perQty: 1, label: 'piece' },
  pick: { perQty: 100_000, label: '10^5 picks' },
  doff: { perQty: 1, label: 'doff' },
}

export interface SpecificConsumption {
  /** Energy per basis quantity, in the unit of `energy` (kWh, kgce ...); null without output. */
  value: number | null
  basisQty: number
  basisLabel: string
}

/**
 * Specific (unit-product) energy consumption e = E / P (GB/T 2589 comprehensive energy per unit
 * product; ISO 22400-2 "comprehensive energy consumption" [S4]), expressed per the unit's basis.
 * Only qualified output should be passed as P when the norm asks for it.
 */
export function specificConsumption(energy: number, outputQty: number, unit: CountUnit): SpecificConsumption {
  checkUnit('unit', unit)
  nonNegative('energy', energy)
  nonNegative('outputQty', outputQty)
  const basis = SEC_BASIS[unit]
  const value = outputQty > 0 ? finiteResult('energy', (energy * basis.perQty) / outputQty) : null
  return { value, basisQty: basis.perQty, basisLabel: basis.label }
}
