import type { Plant } from '@millstream/contract'
import { benchmarkBasisSec, DEFAULT_CONSTANTS, findSecBenchmark, quotaGrade, secBenchmarkGrades, standardCoalKgce, type CountUnit, type EnergyTotals, type QuotaGradeResult, type QuotaGrades, type SecBenchmark } from '@millstream/metrics'
import type { MachineEnergy, Production, StoreRow } from '@millstream/store'

export interface SpecificEnergy {
  unit: string | null
  /** good: the counters' good output (the norms ask for qualified output); produced where no good count is reported. */
  outputKind: 'good' | 'produced' | null
  outputQty: number
  energy: EnergyTotals
  kgceEquivalent: number
  kgceEqual: number
  /** kgce (equivalent value) per basis quantity of the unit (100 m, kg, piece ...). */
  sec: { value: number | null; basis: string } | null
  benchmark: { family: string; basis: string; source: string; status: string; grades: QuotaGrades } | null
  grade: QuotaGradeResult | null
  /** Why a figure is missing: mixed units on the line, no output, no benchmark for the family, another basis. */
  reason: string | null
}

export interface SecOptions {
  benchmarks: readonly SecBenchmark[]
  advancedToLimitRatio: number
}

/**
 * Energy per unit of output of each line and window, against the quota grades of its product
 * family: the line's machine meters (all media, as standard coal) over its output, by
 * @millstream/metrics. The benchmark row, the basis (per t from kg for the fibre norms) and the
 * grades are the scorer's E1 functions (findSecBenchmark, benchmarkBasisSec, secBenchmarkGrades),
 * so the API's grade of a line is the grade in the energy score's evidence (issue 13).
 */
export function specificEnergyRows(plant: Plant, energy: readonly StoreRow<Partial<Record<string, MachineEnergy>>>[], output: readonly StoreRow<Production>[], o: SecOptions): StoreRow<SpecificEnergy>[] {
  const keyOf = (r: StoreRow<unknown>) => `${r.window.startMs} ${r.group.line ?? ''}`
  const outputs = new Map<string, StoreRow<Production>[]>()
  for (const r of output) outputs.set(keyOf(r), [...(outputs.get(keyOf(r)) ?? []), r])
  return energy.map((r) => {
    const totals: EnergyTotals = Object.fromEntries(Object.entries(r.values).flatMap(([m, v]) => (v ? [[m, v.total]] : [])))
    const kgceEquivalent = standardCoalKgce(totals, DEFAULT_CONSTANTS, 'equivalent').total
    const kgceEqual = standardCoalKgce(totals, DEFAULT_CONSTANTS, 'equal').total
    const made = (outputs.get(keyOf(r)) ?? []).filter((p) => p.values.producedQty > 0)
    const base = { energy: totals, kgceEquivalent, kgceEqual }
    const none = (reason: string, unit: string | null = null): SpecificEnergy => ({ unit, outputKind: null, outputQty: 0, ...base, sec: null, benchmark: null, grade: null, reason })
    if (made.length === 0) return { ...r, values: none('no output in the window') }
    if (made.length > 1) return { ...r, values: none(`output in more than one unit (${made.map((p) => p.group.unit).join(', ')}): energy cannot be split between them`) }
    const p = made[0] as StoreRow<Production>
    const unit = p.group.unit as CountUnit
    const outputKind = p.values.inspectedQty > 0 ? 'good' : 'produced'
    const outputQty = outputKind === 'good' ? p.values.goodQty : p.values.producedQty
    const family = plant.lines.find((l) => l.id === r.group.line)?.productFamily
    const b = family === undefined ? undefined : findSecBenchmark(o.benchmarks, family, unit)
    const sec = benchmarkBasisSec({ energyKgce: kgceEquivalent, outputQty, unit }, b)
    const values: SpecificEnergy = { unit, outputKind, outputQty, ...base, sec: { value: sec.value, basis: sec.basisLabel }, benchmark: null, grade: null, reason: null }
    if (!b) return { ...r, values: { ...values, reason: family ? `no quota benchmark for product family ${family}` : 'the line has no product family in the registry' } }
    const grades = secBenchmarkGrades(b, o.advancedToLimitRatio)
    values.benchmark = { family: b.family, basis: b.basis, source: b.source, status: b.status, grades }
    if (b.basis !== sec.basisLabel) return { ...r, values: { ...values, reason: `benchmark is per ${b.basis}, output per ${sec.basisLabel}` } }
    return { ...r, values: { ...values, grade: sec.value === null ? null : quotaGrade(sec.value, grades) } }
  })
}
