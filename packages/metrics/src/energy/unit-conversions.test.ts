import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONSTANTS } from '../constants/default-constants.ts'
import { resolveConstants } from '../constants/resolve-constants.ts'
import { standardCoalKgce } from './energy-totals.ts'
import { kgceToKwh, kgceToMj, kwhToKgce, kwhToMj, mjToKgce, mjToKwh } from './unit-conversions.ts'

const amount = fc.double({ min: 0, max: 1e12, noNaN: true })
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)))

describe('kWh, kgce and MJ', () => {
  it('say where 0.1229 comes from: 860 kcal per kWh over 7 000 kcal per kgce, rounded to four places', () => {
    expect(DEFAULT_CONSTANTS.kgcePerKwhElectricity.value).toBe(Number((860 / 7000).toFixed(4)))
    expect(DEFAULT_CONSTANTS.kgcePerKwhElectricity.source).toMatch(/860 kcal\/kWh ÷ 7 000 kcal\/kgce/)
  })

  it('offer the equal value (等价值) as its own constant, with a year, a source and its status', () => {
    const equal = DEFAULT_CONSTANTS.kgcePerKwhElectricityEqualValue
    expect(equal).toMatchObject({ value: 0.404, unit: 'kgce/kWh', status: 'unverified' })
    expect(equal.source).toMatch(/4\.04 tce per 10\^4 kWh \[S20\]/)
    // Reports show both: 1000 kWh is 122.9 kgce by heat content and 404 kgce by the coal it cost.
    expect(standardCoalKgce({ electricity: 1000 }).total).toBeCloseTo(122.9, 9)
    expect(standardCoalKgce({ electricity: 1000 }, DEFAULT_CONSTANTS, 'equal').total).toBeCloseTo(404, 9)
    const year = resolveConstants({ kgcePerKwhElectricityEqualValue: { value: 0.3, year: 2024, source: 'national 供电标准煤耗 of the year', status: 'secondary' } })
    expect(kwhToKgce(1000, year, 'equal')).toBeCloseTo(300, 9)
    expect(standardCoalKgce({ steam: 1 }, DEFAULT_CONSTANTS, 'equal').total).toBe(standardCoalKgce({ steam: 1 }).total)
  })

  it('return what went in after any round trip between kWh, kgce and MJ, on either coal basis', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom('equivalent', 'equal' as const), (x, basis) => {
        close(kgceToKwh(kwhToKgce(x, DEFAULT_CONSTANTS, basis), DEFAULT_CONSTANTS, basis), x)
        close(mjToKgce(kgceToMj(x)), x)
        close(mjToKwh(kwhToMj(x)), x)
      }),
    )
  })

  it('close the kWh → kgce → MJ triangle to the printed precision of the GB/T 2589 figures, and say by how much', () => {
    // 0.1229 kgce × 29 307 kJ = 3 601.8 kJ for a 3 600 kJ kWh: +0.05 %, the rounding of 860 kcal and
    // of 0.12286. A typo in either constant (0.229, 2 930.7) breaks this by far more.
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e12, noNaN: true }), (kwh) => {
        const viaCoal = kgceToMj(kwhToKgce(kwh))
        expect(Math.abs(viaCoal / kwhToMj(kwh) - 1)).toBeLessThan(6e-4)
      }),
    )
    expect(kgceToMj(kwhToKgce(1))).toBeCloseTo(3.6018, 4)
  })
})
