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
  it('leaves an unknown sentence alone, and every key it gives exists', () => {
    expect(reasonMessage('something a newer API says')).toBeNull()
    for (const text of ['no output in the window', 'the line has no product family in the registry', 'baseline not fitted: output_does_not_vary', 'the plant has no tariff in the registry']) {
      const key = reasonMessage(text)?.key.split('.')[1] ?? ''
      expect(en.apiReason, text).toHaveProperty(key)
    }
  })
})
