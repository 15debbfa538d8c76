import type { CountUnit } from '../efficiency/elements.ts'
import type { ConstantStatus } from '../constants/constant.ts'
import type { SecBenchmark } from '../scores/energy-config.ts'
import { specificConsumption, type SpecificConsumption } from './specific-energy.ts'
import { benchmarkGrades, type QuotaGrades } from './quota-grade.ts'
import { finiteResult, nonNegative, positive } from '../input/check-number.ts'

/**
 * A benchmark row as seeds/benchmarks.json holds it (the contract's benchmarkSetSchema row),
 * structurally, so this pure package needs no contract import.
 */
export interface BenchmarkRow {
  id: string
  standard: string
  productFamily: string
  quantity: string
  basis: { label: string; countUnit?: CountUnit; perQty?: number }
  limit: number
  grades: { grade1: number | null; grade2?: number | null }
  status: ConstantStatus
}

/**
 * The energy rows of a benchmark set as SecBenchmarks: the limit is grade 3, the published
 * grade 1 the advanced value, grade 2 kept where published. One conversion for every reader:
 * the scorer's E1 and the API's energy/specific grade against the same rows (issue 13).
 */
export function secBenchmarks(rows: readonly BenchmarkRow[]): SecBenchmark[] {
  return rows
    .filter((r) => r.quantity === 'energy')
    .map((r, i) => ({
      family: r.productFamily,
      basis: r.basis.label,
      ...(r.basis.countUnit === undefined ? {} : { countUnit: r.basis.countUnit }),
      ...(r.basis.perQty === undefined ? {} : { perQty: positive(`rows[${i}].basis.perQty`, r.basis.perQty) }),
      limitKgce: positive(`rows[${i}].limit`, r.limit),
      ...(r.grades.grade1 !== null ? { advancedKgce: nonNegative(`rows[${i}].grades.grade1`, r.grades.grade1) } : {}),
      ...(r.grades.grade2 !== null && r.grades.grade2 !== undefined ? { grade2Kgce: nonNegative(`rows[${i}].grades.grade2`, r.grades.grade2) } : {}),
      source: `${r.id}: ${r.standard}`,
      status: r.status,
    }))
}

/** The benchmark of a product family for output counted in `unit` (a row without a count unit takes any). */
export function findSecBenchmark(benchmarks: readonly SecBenchmark[], family: string, unit: CountUnit): SecBenchmark | undefined {
  return benchmarks.find((b) => b.family === family && (b.countUnit === undefined || b.countUnit === unit))
}

/**
 * Specific energy per the benchmark's own basis: per t from output counted in kg (perQty 1000),
 * per 100 m from metres; without a benchmark (or one for another unit), per the unit's default
 * basis (SEC_BASIS). Compare `basisLabel` with the benchmark's `basis` before grading.
 */
export function benchmarkBasisSec(f: { energyKgce: number; outputQty: number; unit: CountUnit }, benchmark: SecBenchmark | undefined): SpecificConsumption {
  const sec = specificConsumption(f.energyKgce, f.outputQty, f.unit)
  if (benchmark?.perQty === undefined || benchmark.countUnit !== f.unit) return sec
  const perQty = positive('benchmark.perQty', benchmark.perQty)
  const perUnit = sec.value === null ? null : sec.value / sec.basisQty
  return { value: perUnit === null ? null : finiteResult('f.energyKgce', perUnit * perQty), basisQty: perQty, basisLabel: benchmark.basis }
}

/** The quota grades of a benchmark: grade 1 the advanced value (or the placeholder ratio × limit), grade 2 where published, grade 3 the limit. */
export function secBenchmarkGrades(b: SecBenchmark, advancedToLimitRatio: number): QuotaGrades {
  const grades = benchmarkGrades(b, advancedToLimitRatio)
  return b.grade2Kgce === undefined ? grades : { grade1: grades.grade1, grade2: nonNegative('benchmark.grade2Kgce', b.grade2Kgce), grade3: grades.grade3 }
}
