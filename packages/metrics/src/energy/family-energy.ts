import { finiteDeep, finiteResult, nonNegative } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { checkTotals, ENERGY_MEDIA, type EnergyTotals } from './energy-totals.ts'

/** What one line's own meters read in a period: a line meter where it has one, else its machines' meters. */
export interface LineEnergy {
  line: string
  /** The line's product family (registry `productFamily`), or null. */
  family: string | null
  direct: EnergyTotals
}

export interface FamilyAllocation {
  /** Plant consumption per medium: the incomer, or the lines' meters where they read more. */
  plant: EnergyTotals
  /** Per line: its direct consumption plus its share of what no line meter saw. */
  lines: Map<string, EnergyTotals>
  /** Per product family: the sum of its lines. */
  families: Map<string, EnergyTotals>
}

/**
 * Comprehensive energy of each product family (GB/T 2589 counts auxiliary and loss energy in a
 * product's consumption; the method of apportioning it is a MillStream proposal, unverified):
 * per medium, what the plant incomer read beyond all lines' own meters (compressors, HVAC,
 * boiler and transformer losses) is shared among the lines in proportion to their metered use of
 * that medium; a medium no line meters is shared in proportion to the lines' metered use of all
 * media in `weights` (e.g. kgce). A plant with one family gets the whole incomer.
 */
export function allocateFamilyEnergy(o: { lines: readonly LineEnergy[]; incomers: EnergyTotals; weights: ReadonlyMap<string, number> }): FamilyAllocation {
  checkTotals('incomers', o.incomers)
  o.lines.forEach((l, i) => checkTotals(`lines[${i}].direct`, l.direct))
  if (new Set(o.lines.map((l) => l.line)).size !== o.lines.length) throw new MetricsInputError('lines', 'must name each line once', o.lines.map((l) => l.line))
  for (const [line, w] of o.weights) nonNegative(`weights.${line}`, w)
  const plant: EnergyTotals = {}
  const lines = new Map<string, EnergyTotals>(o.lines.map((l) => [l.line, {}]))
  const weightSum = o.lines.reduce((s, l) => s + Math.max(0, o.weights.get(l.line) ?? 0), 0)
  for (const medium of ENERGY_MEDIA) {
    const direct = o.lines.reduce((s, l) => s + (l.direct[medium] ?? 0), 0)
    const incomer = o.incomers[medium]
    if (incomer === undefined && direct === 0) continue
    const total = finiteResult(`incomers.${medium}`, Math.max(incomer ?? 0, direct))
    plant[medium] = total
    const remainder = total - direct
    for (const l of o.lines) {
      const own = l.direct[medium] ?? 0
      const share = direct > 0 ? own / direct : weightSum > 0 ? Math.max(0, o.weights.get(l.line) ?? 0) / weightSum : 0
      const target = lines.get(l.line) as EnergyTotals
      target[medium] = own + remainder * share
    }
  }
  const families = new Map<string, EnergyTotals>()
  for (const l of o.lines) {
    if (l.family === null) continue
    const sum = families.get(l.family) ?? {}
    for (const [medium, qty] of Object.entries(lines.get(l.line) as EnergyTotals)) sum[medium as keyof EnergyTotals] = (sum[medium as keyof EnergyTotals] ?? 0) + (qty as number)
    families.set(l.family, sum)
  }
  return finiteDeep('incomers', { plant, lines, families })
}
