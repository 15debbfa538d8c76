import { ENERGY_MEDIUM_NAMES, isPeakField, machineFieldNames, meterFieldNames } from '@millstream/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addToRollup, rollUp, rollupRule } from './rollup-fields.ts'

describe('rolling fields up into a longer window', () => {
  it('adds amounts and durations, and keeps the highest peak rate', () => {
    const minutes = [
      { running_s: 60, electricity_kwh: 0.5, electricity_peak_rate: 30, stops: 0 },
      { running_s: 20, electricity_kwh: 0.25, electricity_peak_rate: 45, stops: 1 },
      { running_s: 0, electricity_kwh: 0.125, electricity_peak_rate: 2, stops: 0 },
    ]
    expect(rollUp(minutes)).toEqual({ running_s: 80, electricity_kwh: 0.875, electricity_peak_rate: 45, stops: 1 })
  })

  it('keeps a field only some parts have (a medium metered part of the hour)', () => {
    expect(addToRollup({ running_s: 60 }, { running_s: 60, steam_t: 0.2 })).toEqual({ running_s: 120, steam_t: 0.2 })
  })

  it("takes the max for exactly the contract's peak fields, of every machine and meter measurement", () => {
    const names = [...machineFieldNames(ENERGY_MEDIUM_NAMES), ...ENERGY_MEDIUM_NAMES.flatMap(meterFieldNames), 'minutes']
    for (const name of names) expect(rollupRule(name), name).toBe(isPeakField(name) ? 'max' : 'sum')
  })

  // Whole numbers: their sums are exact in any order, so the comparisons below can be exact.
  const arbPart = fc.record({ produced_qty: fc.integer({ min: 0, max: 10_000 }), down_s: fc.integer({ min: 0, max: 60 }), gas_peak_rate: fc.integer({ min: 0, max: 500 }) }, { requiredKeys: [] })
  const arbParts = fc.array(arbPart, { maxLength: 60 })

  it('does not depend on the order in which the parts became final', () => {
    fc.assert(fc.property(arbParts, fc.func(fc.integer()), (parts, order) => {
      const shuffled = parts.map((p, i) => ({ p, k: order(i) })).sort((a, b) => a.k - b.k).map((x) => x.p)
      expect(rollUp(shuffled)).toEqual(rollUp(parts))
    }))
  })

  it('rolls a day up from its hours as from its minutes', () => {
    fc.assert(fc.property(fc.array(arbParts, { maxLength: 24 }), (hours) => {
      expect(rollUp(hours.map(rollUp))).toEqual(rollUp(hours.flat()))
    }))
  })
})
