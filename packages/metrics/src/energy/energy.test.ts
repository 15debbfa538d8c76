import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveConstants } from '../constants/resolve-constants.ts'
import { elementSegments } from '../efficiency/element-segments.ts'
import { planSegments } from '../time/plan-segments.ts'
import { co2Kg, standardCoalKgce } from './energy-totals.ts'
import { kgceToGj } from './unit-conversions.ts'
import { energyPerformance, enpiIndex, enpiRatio, fitLinearBaseline } from './enpi.ts'
import { idleEnergy } from './idle-energy.ts'
import { specificConsumption } from './specific-energy.ts'

const M = 60_000

describe('standard coal and CO2', () => {
  it('convert 1000 kWh to 122.9 kgce at the GB/T 2589 equivalent value', () => {
    // Source: GB/T 2589-2008 App. A via [S19]: electricity 0.1229 kgce/kWh (当量值).
    expect(standardCoalKgce({ electricity: 1000 }).total).toBeCloseTo(122.9, 10)
  })

  it('put 29.308 GJ in a tonne of standard coal', () => {
    // Source: [S45] IAMconsortium/units: tonne_of_coal_equivalent = 29.308 GJ; GB/T 2589 prints 29 307 kJ/kgce.
    expect(kgceToGj(1000)).toBeCloseTo(29.308, 2)
    expect(kgceToGj(1000)).toBe(29.307)
  })

  it('add steam and gas, and leave water out until a coefficient is configured', () => {
    const r = standardCoalKgce({ electricity: 1000, steam: 10, gas: 100, water: 500 })
    expect(r.byMedium).toEqual({ electricity: expect.closeTo(122.9, 9), steam: expect.closeTo(1286, 9), gas: expect.closeTo(121.43, 9), water: 0 })
    expect(r.total).toBeCloseTo(122.9 + 1286 + 121.43, 9)
    expect(r.excludedMedia).toEqual(['water'])
  })

  it('price electricity CO2 at the 2023 national grid factor unless overridden', () => {
    // Source: MEE & NBS 2023 power CO2 factors, national average 0.5306 kgCO2/kWh [S24].
    expect(co2Kg({ electricity: 1000 }).total).toBeCloseTo(530.6, 9)
    // The 2023 华中 regional factor 0.5271 [S24], e.g. for a Jiangxi plant once confirmed.
    const central = resolveConstants({ gridCo2KgPerKwh: { value: 0.5271, source: 'MEE & NBS 2023, Central China grid', year: 2023, status: 'secondary' } })
    expect(co2Kg({ electricity: 1000 }, central).total).toBeCloseTo(527.1, 9)
    expect(co2Kg({ electricity: 1000, steam: 5 }).excludedMedia).toEqual(['steam'])
  })
})

describe('specific energy consumption', () => {
  it('quote fabric per 100 m, yarn per kg and garments per piece', () => {
    // The dyeing norm's unit [S28]: 3000 kgce for 10 000 m of cloth is 30 kgce/100 m.
    expect(specificConsumption(3000, 10_000, 'm')).toEqual({ value: 30, basisQty: 100, basisLabel: '100 m' })
    expect(specificConsumption(1330, 1000, 'kg').value).toBeCloseTo(1.33, 12)
    expect(specificConsumption(50, 0, 'piece').value).toBeNull()
  })
})

describe('idle energy', () => {
  it('splits metered energy between running, idle and off-shift time', () => {
    const calendar = { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 1 }] }
    const window = { startMs: Date.parse('2026-03-02T08:00:00+08:00'), endMs: Date.parse('2026-03-02T09:30:00+08:00') }
    const segments = elementSegments({
      changes: [{ tsMs: window.startMs, state: 'running' }, { tsMs: window.startMs + 30 * M, state: 'idle' }],
      window, timeline: { stalenessMs: 4 * 60 * M }, plan: planSegments(window, calendar, 'Asia/Shanghai'),
    })
    // 90 kWh drawn evenly over 90 minutes.
    const r = idleEnergy([{ startMs: window.startMs, endMs: window.endMs, delta: 90 }], segments)
    expect(r).toMatchObject({ runningEnergy: 30, idleEnergy: 30, offShiftEnergy: 30, unknownStateEnergy: 0 })
    expect(r.idleShare).toBeCloseTo(2 / 3, 12)
    expect(r.idlePerHour).toBe(60)
  })
})

describe('energy performance (ISO 50006 style)', () => {
  it('fit the least-squares baseline of a published regression example', () => {
    // Source: F. J. Anscombe, "Graphs in Statistical Analysis", The American Statistician 27 (1973)
    // 17-21, data set I: fitted line y = 3.00 + 0.500 x, r² = 0.67.
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    const y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
    const fit = fitLinearBaseline(x.map((output, i) => ({ output, energy: y[i]! })))
    if (!fit.ok) throw new Error(fit.reason)
    expect(fit.model.interceptA).toBeCloseTo(3.0, 2)
    expect(fit.model.slopeB).toBeCloseTo(0.5, 3)
    expect(fit.model.r2).toBeCloseTo(0.667, 3)
  })

  it('express savings as expected minus actual energy and as an index', () => {
    const model = { interceptA: 1000, slopeB: 2, r2: 1, n: 12 }
    expect(energyPerformance(model, { output: 500, energy: 1900 })).toEqual({ expectedEnergy: 2000, actualEnergy: 1900, improvement: 100, index: 0.95, improvementShare: 0.05 })
    expect(enpiRatio(1330, 1000)).toBe(1.33)
    expect(enpiIndex(1.2, 1.33)).toBeCloseTo(0.902, 3)
    expect(enpiIndex(1, 0)).toBeNull()
  })

  it('refuse a baseline it cannot fit', () => {
    expect(fitLinearBaseline([{ output: 1, energy: 2 }, { output: 2, energy: 3 }])).toEqual({ ok: false, reason: 'too_few_points' })
    expect(fitLinearBaseline([1, 2, 3].map((energy) => ({ output: 5, energy })))).toEqual({ ok: false, reason: 'output_does_not_vary' })
  })

  it('recover any exact linear relation', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 24 }), (a, b, outputs) => {
        const fit = fitLinearBaseline(outputs.map((output) => ({ output, energy: a + b * output })))
        expect(fit.ok).toBe(true)
        if (fit.ok) {
          expect(fit.model.slopeB).toBeCloseTo(b, 6)
          expect(fit.model.interceptA).toBeCloseTo(a, 3)
        }
      }),
    )
  })
})
