import { describe, expect, it } from 'vitest'
import { constantSchema } from './constant.ts'
import { DEFAULT_CONSTANTS } from './default-constants.ts'
import { resolveConstants } from './resolve-constants.ts'

describe('constants', () => {
  it('give every default a value, unit, source, year and status', () => {
    for (const [name, c] of Object.entries(DEFAULT_CONSTANTS)) {
      expect(constantSchema.safeParse(c).success, name).toBe(true)
    }
  })

  it('return the defaults when nothing is overridden', () => {
    expect(resolveConstants()).toEqual(DEFAULT_CONSTANTS)
    expect(resolveConstants({})).toEqual(DEFAULT_CONSTANTS)
  })

  it('mark a bare-number override as unverified and keep the old provenance in a note', () => {
    const c = resolveConstants({ gridCo2KgPerKwh: 0.5271 })
    expect(c.gridCo2KgPerKwh).toMatchObject({ value: 0.5271, unit: 'kgCO2/kWh', source: 'override', status: 'unverified' })
    expect(c.gridCo2KgPerKwh.note).toContain('0.5306')
    expect(c.kgcePerKwhElectricity).toBe(DEFAULT_CONSTANTS.kgcePerKwhElectricity)
  })

  it('accept an override that states its own source and status', () => {
    const c = resolveConstants({ kgcePerM3Water: { value: 0.0857, source: 'GB/T 2589-2020 App. A (as read by the energy officer)', year: 2020, status: 'verified' } })
    expect(c.kgcePerM3Water).toMatchObject({ value: 0.0857, year: 2020, status: 'verified', unit: 'kgce/m3' })
  })

  it('refuse unknown names and values that are not finite numbers', () => {
    expect(() => resolveConstants({ gridCo2: 0.5 })).toThrow(/invalid constant overrides/)
    expect(() => resolveConstants({ gridCo2KgPerKwh: Number.NaN })).toThrow(/invalid constant overrides/)
    expect(() => resolveConstants({ gridCo2KgPerKwh: { value: 1, status: 'maybe' } })).toThrow(/invalid constant overrides/)
  })
})
