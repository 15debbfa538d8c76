import type { BenchmarkSet, Plant } from '@millstream/contract'
import { allocateFamilyEnergy, baselineComparison, secBenchmarks as sharedSecBenchmarks, loadShiftInput, standardCoalKgce, type EnergyScoreInputs, type FamilyEnergy, type Interval, type PeriodEnergy, type SecBenchmark } from '@millstream/metrics'
import type { EnergyMeasures } from './energy-measures.ts'

/** The energy benchmark rows as the metrics package scores them: the shared conversion the API's energy/specific uses too. */
export function secBenchmarks(set: BenchmarkSet): SecBenchmark[] {
  return sharedSecBenchmarks(set.rows)
}

/** The plant's comprehensive energy (kgce, equivalent value): incomers, or the lines' meters where they read more. */
export function plantKgce(m: EnergyMeasures): number {
  return standardCoalKgce(allocate(m).plant).total
}

function allocate(m: EnergyMeasures) {
  const weights = new Map(m.lines.map((l) => [l.line, standardCoalKgce(l.direct).total]))
  return allocateFamilyEnergy({ lines: m.lines, incomers: m.incomers, weights })
}

/**
 * E1's families (those with a benchmark: output in the benchmark's count unit over the family's
 * lines, energy allocated to them), E2's baseline comparison and E4's load shift.
 */
export function energyInputs(o: { plant: Plant; range: Interval; measures: EnergyMeasures; baselineMonths: readonly PeriodEnergy[]; benchmarks: readonly SecBenchmark[] }): Pick<EnergyScoreInputs, 'families' | 'baseline' | 'loadShift'> & { energyKgce: number } {
  const m = o.measures
  const allocation = allocate(m)
  const families: FamilyEnergy[] = []
  for (const [family, totals] of [...allocation.families].sort(([a], [b]) => a.localeCompare(b))) {
    const benchmark = o.benchmarks.find((b) => b.family === family)
    if (!benchmark?.countUnit) continue
    const unit = benchmark.countUnit
    const outputQty = o.plant.lines.filter((l) => l.productFamily === family).reduce((s, l) => s + (m.output[l.id]?.[unit] ?? 0), 0)
    families.push({ family, energyKgce: standardCoalKgce(totals).total, outputQty, unit })
  }
  const energyKgce = standardCoalKgce(allocation.plant).total
  const baseline = baselineComparison(o.baselineMonths, { ...o.range, output: m.idealOutputH, energy: energyKgce })
  const loadShift = o.plant.tariff ? loadShiftInput({ readings: m.hourlyKwh, tariff: o.plant.tariff, timeZone: o.plant.timeZone, range: o.range, calendar: o.plant.shiftCalendar }) : undefined
  return { families, baseline, ...(loadShift ? { loadShift } : {}), energyKgce }
}
