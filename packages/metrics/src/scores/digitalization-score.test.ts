import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { digitalizationConfigSchema } from './resolve-score-config.ts'
import { DEFAULT_DIGITALIZATION_CONFIG } from './digitalization-config.ts'
import { digitalizationScore, stopAttributionInput, type DigitalizationInputs } from './digitalization-score.ts'
import { emptyElements } from '../efficiency/elements.ts'

const r = (numerator: number, denominator: number) => ({ numerator, denominator })

// The worked example of docs/metrics.md.
const example: DigitalizationInputs = {
  networking: r(45, 90),
  acquisition: r(80, 100),
  completeness: r(900, 1000),
  timeliness: r(950, 1000),
  subMetering: r(4000, 10_000),
  stopAttribution: r(45, 100),
  kpiComputability: r(30, 100),
}

describe('digitalization score', () => {
  it('ships a default model whose weights sum to 1', () => {
    expect(digitalizationConfigSchema.safeParse(DEFAULT_DIGITALIZATION_CONFIG).success).toBe(true)
  })

  it('scores the documented example at 63.9 with every component and its inputs', () => {
    const s = digitalizationScore(example)
    expect(s.status).toBe('ok')
    expect(s.score).toBeCloseTo(63.889, 3)
    expect(s.modelVersion).toBe('digitalization-2026.1')
    expect(s.evidence).toBe('level_2')
    expect(s.components.map((c) => [c.id, c.subScore])).toEqual([
      ['D1', expect.closeTo(0.5556, 4)], ['D2', expect.closeTo(0.8, 9)], ['D3', expect.closeTo(0.8333, 4)], ['D4', 1],
      ['D5', expect.closeTo(0.5, 9)], ['D6', expect.closeTo(0.5, 9)], ['D7', expect.closeTo(0.3, 9)],
    ])
    expect(s.components[0]).toMatchObject({ value: 0.5, weight: 0.25, inputs: { machinesConnected: 45, machinesInRegistry: 90 }, status: 'unverified' })
  })

  it('places the textile-industry average networking rate of about 50 % near 0.55', () => {
    // [S37][S38]: networking rate of digital equipment ≈ 49-50 % in 2022-2025.
    expect(digitalizationScore({ networking: r(49, 100) }).components[0]?.subScore).toBeCloseTo(0.544, 3)
  })

  it('withholds the score and names the failing input when too few machines report', () => {
    const s = digitalizationScore({ ...example, networking: r(5, 90) })
    expect(s).toMatchObject({ status: 'insufficient_data', score: null, evidence: null })
    expect(s.failing).toEqual([{ input: 'D1', value: 5 / 90, required: '≥ 0.1' }])
    expect(digitalizationScore({}).failing[0]).toMatchObject({ input: 'machinesInRegistry', value: null })
  })

  it('moves the weight of an unavailable component to the others in proportion', () => {
    const s = digitalizationScore({ ...example, subMetering: r(0, 0) })
    const d5 = s.components.find((c) => c.id === 'D5')
    expect(d5).toMatchObject({ state: 'unavailable', weight: 0, reason: 'mainMeterKwh is zero' })
    expect(s.components.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 12)
    expect(s.components[0]?.weight).toBeCloseTo(0.25 / 0.85, 12)
  })

  it('evidences level 3 only with integration and stop attribution', () => {
    const strong = { ...example, networking: r(85, 100), stopAttribution: r(85, 100), kpiComputability: r(90, 100) }
    expect(digitalizationScore(strong).evidence).toBe('level_3')
  })

  it('reads stop attribution from summed efficiency elements', () => {
    expect(stopAttributionInput({ ...emptyElements(), reasonedMs: 30, adetMs: 20, adotMs: 20, pdtMs: 10, asutMs: 10, aptMs: 999 })).toEqual(r(30, 60))
  })

  it('stays within 0-100 and never falls when one input improves', () => {
    const arbRatio = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([a, b]) => r(Math.min(a, b), b))
    const keys = ['networking', 'acquisition', 'completeness', 'timeliness', 'subMetering', 'stopAttribution', 'kpiComputability'] as const
    fc.assert(
      fc.property(fc.tuple(...keys.map(() => arbRatio)), fc.constantFrom(...keys), (ratios, improved) => {
        const inputs = Object.fromEntries(keys.map((k, i) => [k, ratios[i]])) as DigitalizationInputs
        const base = digitalizationScore(inputs)
        const better = digitalizationScore({ ...inputs, [improved]: r(inputs[improved]!.denominator, inputs[improved]!.denominator) })
        if (base.score !== null) {
          expect(base.score >= 0 && base.score <= 100).toBe(true)
          expect(better.score!).toBeGreaterThanOrEqual(base.score - 1e-9)
        }
      }),
    )
  })
})
