import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dataCompleteness } from './data-completeness.ts'
import { benchmarkGrades, quotaGrade } from './quota-grade.ts'

// GB 36889-2025 polyester melt-direct staple, kgce/t, grades 1/2/3 = 85/100/110 (scores-and-views.md §2).
const PET = { grade1: 85, grade2: 100, grade3: 110 }

describe('quota grades of specific energy consumption', () => {
  it('gives the best grade an SEC does not exceed, and none above the limit', () => {
    expect(quotaGrade(80, PET)).toEqual({ grade: 1, meetsLimit: true, shareOfLimit: 80 / 110 })
    expect(quotaGrade(85, PET).grade).toBe(1)
    expect(quotaGrade(95, PET).grade).toBe(2)
    expect(quotaGrade(110, PET).grade).toBe(3)
    expect(quotaGrade(111, PET)).toMatchObject({ grade: null, meetsLimit: false })
    expect(quotaGrade(95, { grade1: 85, grade3: 110 }).grade).toBe(3)
  })

  it('never gives a lower SEC a worse grade', () => {
    const rank = (g: 1 | 2 | 3 | null) => g ?? 4
    fc.assert(fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      expect(rank(quotaGrade(lo, PET).grade)).toBeLessThanOrEqual(rank(quotaGrade(hi, PET).grade))
      expect(quotaGrade(hi, PET).meetsLimit).toBe(hi <= 110)
    }))
  })

  it('refuses grades out of order', () => {
    expect(() => quotaGrade(1, { grade1: 120, grade3: 110 })).toThrow(/grade1 ≤ grade2 ≤ grade3/)
  })

  it('reads a limit-and-advanced benchmark as grades 1 and 3, the placeholder ratio where no advanced value is published', () => {
    // 印染行业规范条件 (2017): woven cotton ≤ 30 kgce/100 m; no advanced value, so 0.8 × limit (U).
    expect(benchmarkGrades({ limitKgce: 30 }, 0.8)).toEqual({ grade1: 24, grade3: 30 })
    expect(benchmarkGrades({ limitKgce: 30, advancedKgce: 20 }, 0.8)).toEqual({ grade1: 20, grade3: 30 })
  })
})

describe('data completeness against the 90 % rule', () => {
  it('meets the rule from 90 % of the expected data, caps at 1, and is null when nothing was expected', () => {
    expect(dataCompleteness(1296, 1440)).toEqual({ completeness: 0.9, meetsRule: true })
    expect(dataCompleteness(1295, 1440).meetsRule).toBe(false)
    expect(dataCompleteness(1500, 1440).completeness).toBe(1)
    expect(dataCompleteness(0, 0)).toEqual({ completeness: null, meetsRule: false })
  })

  it('is a share, monotonic in what was received', () => {
    fc.assert(fc.property(fc.nat(5000), fc.nat(5000), fc.integer({ min: 1, max: 5000 }), (a, b, expected) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      const l = dataCompleteness(lo, expected).completeness as number
      const h = dataCompleteness(hi, expected).completeness as number
      expect(l).toBeGreaterThanOrEqual(0)
      expect(h).toBeLessThanOrEqual(1)
      expect(l).toBeLessThanOrEqual(h)
    }))
  })
})
