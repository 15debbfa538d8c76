import { finiteResult, nonNegative, positive } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/**
 * The grades of a unit-product energy quota standard (GB 36889-2025 and the GB/T 12723 format:
 * grade 1 = advanced, grade 3 = the limit for existing plants; scores-and-views.md §2), in
 * energy per the standard's basis quantity. Grade 2 is optional: some norms publish only a limit
 * and an advanced value.
 */
export interface QuotaGrades {
  grade1: number
  grade2?: number
  grade3: number
}

export interface QuotaGradeResult {
  /** Best grade whose value the SEC does not exceed; null above the limit (grade 3). */
  grade: 1 | 2 | 3 | null
  meetsLimit: boolean
  /** SEC ÷ the limit: below 1 is within it. */
  shareOfLimit: number
}

/** Which quota grade a specific energy consumption meets: lower is better, so a lower SEC is never a worse grade. */
export function quotaGrade(sec: number, grades: QuotaGrades): QuotaGradeResult {
  nonNegative('sec', sec)
  const g1 = nonNegative('grades.grade1', grades.grade1)
  const g3 = positive('grades.grade3', grades.grade3)
  const g2 = grades.grade2 === undefined ? undefined : nonNegative('grades.grade2', grades.grade2)
  if (g1 > (g2 ?? g1) || (g2 ?? g1) > g3) throw new MetricsInputError('grades', 'must satisfy grade1 ≤ grade2 ≤ grade3', grades)
  const grade = sec <= g1 ? 1 : g2 !== undefined && sec <= g2 ? 2 : sec <= g3 ? 3 : null
  return { grade, meetsLimit: sec <= g3, shareOfLimit: finiteResult('sec', sec / g3) }
}

/**
 * The grades of a limit-and-advanced benchmark (metrics SecBenchmark): grade 1 the advanced value,
 * or `advancedToLimitRatio` × limit where none is published; grade 3 the limit.
 */
export function benchmarkGrades(b: { limitKgce: number; advancedKgce?: number }, advancedToLimitRatio: number): QuotaGrades {
  const limit = positive('benchmark.limitKgce', b.limitKgce)
  const ratio = positive('advancedToLimitRatio', advancedToLimitRatio)
  if (ratio > 1) throw new MetricsInputError('advancedToLimitRatio', 'must not exceed 1 (advanced is below the limit)', ratio)
  const advanced = b.advancedKgce === undefined ? ratio * limit : nonNegative('benchmark.advancedKgce', b.advancedKgce)
  if (advanced > limit) throw new MetricsInputError('benchmark.advancedKgce', 'must not exceed the limit', advanced)
  return { grade1: advanced, grade3: limit }
}
