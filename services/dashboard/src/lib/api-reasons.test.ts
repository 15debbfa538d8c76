import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { reasonMessage } from './api-reasons.ts'

describe("the API's reasons in the page's language", () => {
  it('turns each known sentence into a message key with its parameters', () => {
    expect(reasonMessage('no quota benchmark for product family cotton_yarn')).toEqual({ key: 'apiReason.noBenchmark', params: { family: 'cotton_yarn' } })
    expect(reasonMessage('benchmark is per t, output per kg')).toEqual({ key: 'apiReason.otherBasis', params: { benchmark: 't', output: 'kg' } })
    expect(reasonMessage('output in more than one unit (kg, m): energy cannot be split between them')).toEqual({ key: 'apiReason.mixedUnits', params: { units: 'kg, m' } })
    expect(reasonMessage('baseline not fitted: too_few_points')?.key).toBe('apiReason.baselineTooFew')
  })
  it("turns the scorer's reasons into keys, shares into percentages", () => {
    expect(reasonMessage('mainMeterCompleteness = 0.134028, needs ≥ 0.95')).toEqual({ key: 'apiReason.gateMainMeter', params: { value: '13.4 %', required: '95 %' } })
    expect(reasonMessage('subMeteredShare (D5) = none, needs ≥ 0.5')).toEqual({ key: 'apiReason.gateSubMetered', params: { value: '—', required: '50 %' } })
    expect(reasonMessage('baseline of 0 months, needs 12')).toEqual({ key: 'apiReason.baselineMonths', params: { months: '0', needs: '12' } })
    for (const text of ['no product family with output and a benchmark', 'no energy baseline', 'sub-metered share below 0.5', 'no sub-metered idle energy', 'no tariff calendar configured', 'no energy or no peak hours in planned time', 'machinesInRegistry = 0, needs > 0', 'D1 = 0.2, needs ≥ 0.5']) {
      const key = reasonMessage(text)?.key.split('.')[1] ?? ''
      expect(en.apiReason, text).toHaveProperty(key)
    }
  })
  it('leaves an unknown sentence alone, and every key it gives exists', () => {
    expect(reasonMessage('something a newer API says')).toBeNull()
    for (const text of ['no output in the window', 'the line has no product family in the registry', 'baseline not fitted: output_does_not_vary', 'the plant has no tariff in the registry']) {
      const key = reasonMessage(text)?.key.split('.')[1] ?? ''
      expect(en.apiReason, text).toHaveProperty(key)
    }
  })
})
