import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MetricsInputError } from '../input/input-error.ts'
import { digitalizationScore, type DigitalizationInputs } from './digitalization-score.ts'
import { DEFAULT_ENERGY_SCORE_CONFIG } from './energy-config.ts'
import { energyScore, type EnergyScoreInputs, type FamilyEnergy } from './energy-score.ts'
import { resolveEnergyScoreConfig } from './resolve-score-config.ts'

const H = 3_600_000
// Three benchmarked families in two bases, so that the weighting has to combine kg and metres.
const config = resolveEnergyScoreConfig({
  modelVersion: 'energy-test',
  benchmarks: [
    ...DEFAULT_ENERGY_SCORE_CONFIG.benchmarks,
    { family: 'ring_yarn', basis: 'kg', limitKgce: 0.6, source: 'test figure', status: 'unverified' },
    { family: 'grey_fabric', basis: '100 m', limitKgce: 8, advancedKgce: 5, source: 'test figure', status: 'unverified' },
  ],
})
const base = { mainMeterCompleteness: 0.99, subMeteredShare: 0.7 }
const arbFamily = fc.oneof(
  fc.record({ family: fc.constant('dyeing_woven_cotton'), unit: fc.constant('m' as const), outputQty: fc.integer({ min: 1, max: 1e6 }), energyKgce: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  fc.record({ family: fc.constant('ring_yarn'), unit: fc.constant('kg' as const), outputQty: fc.integer({ min: 1, max: 1e6 }), energyKgce: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  fc.record({ family: fc.constant('grey_fabric'), unit: fc.constant('m' as const), outputQty: fc.integer({ min: 1, max: 1e6 }), energyKgce: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
)
const e1 = (families: FamilyEnergy[]) => energyScore({ ...base, families }, config).components[0]?.subScore ?? null

describe('scores move in the declared direction of each component (issue 9 §3)', () => {
  it('never lower the energy score when one family uses less energy for the same output', () => {
    fc.assert(
      fc.property(fc.array(arbFamily, { minLength: 1, maxLength: 5 }), fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (families, pick, factor) => {
        const i = pick % families.length
        const better = families.map((f, k) => (k === i ? { ...f, energyKgce: f.energyKgce * factor } : f))
        const before = energyScore({ ...base, families }, config)
        const after = energyScore({ ...base, families: better }, config)
        expect(after.score!).toBeGreaterThanOrEqual(before.score! - 1e-9)
        expect(e1(better)!).toBeGreaterThanOrEqual(e1(families)! - 1e-12)
      }),
    )
  })

  it('would have failed with families weighted by their actual kgce: the case that weighting got wrong', () => {
    // Yarn at its advanced value (s = 1) beside fabric at its limit (s = 0). Halving the yarn's
    // energy keeps its s at 1; weighted by kgce the yarn would lose weight to the fabric and E1
    // would fall from 0.5 to 0.33. Weighted by output at the limit it stays put.
    const yarn = { family: 'ring_yarn', unit: 'kg' as const, outputQty: 1000, energyKgce: 480 }
    const fabric = { family: 'grey_fabric', unit: 'm' as const, outputQty: 6000, energyKgce: 480 }
    const kgceWeighted = (y: number) => (y * 1 + 480 * 0) / (y + 480)
    expect(kgceWeighted(240)).toBeLessThan(kgceWeighted(480))
    expect(e1([{ ...yarn, energyKgce: 240 }, fabric])).toBeCloseTo(e1([yarn, fabric])!, 12)
    // Weights: yarn 1000 kg × 0.6 = 600 kgce at the limit, fabric 60 × 8 = 480; value = 960 / 1080.
    expect(e1([yarn, fabric])).toBeCloseTo(600 / 1080, 12)
    expect(energyScore({ ...base, families: [yarn, fabric] }, config).components[0]?.value).toBeCloseTo(960 / 1080, 12)
  })

  it('never lower the energy score for less energy against the baseline, less idle energy or less peak energy', () => {
    const arbInputs = fc.record({
      actual: fc.double({ min: 0, max: 2e4, noNaN: true }), idle: fc.double({ min: 0, max: 1, noNaN: true }),
      peak: fc.double({ min: 0, max: 1e4, noNaN: true }), factor: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    fc.assert(
      fc.property(arbInputs, ({ actual, idle, peak, factor }) => {
        const inputs = (a: number, i: number, p: number): EnergyScoreInputs => ({
          ...base, baseline: { actualEnergy: a, expectedEnergy: 1e4, baselineMonths: 12, yearsSinceBaseline: 2 }, idleShare: i,
          loadShift: { peakKwh: p, totalKwh: 1e4, peakPotMs: 100 * H, potMs: 700 * H },
        })
        const score = (a: number, i: number, p: number) => energyScore(inputs(a, i, p), config).score!
        const before = score(actual, idle, peak)
        for (const after of [score(actual * factor, idle, peak), score(actual, idle * factor, peak), score(actual, idle, peak * factor)]) {
          expect(after).toBeGreaterThanOrEqual(before - 1e-9)
        }
      }),
    )
  })

  it('never lower the digitalization score when more machines connect, or any other part grows', () => {
    const keys = ['networking', 'acquisition', 'completeness', 'timeliness', 'subMetering', 'stopAttribution', 'kpiComputability'] as const
    const arbPart = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 })).map(([a, b]) => ({ numerator: Math.min(a, b), denominator: b }))
    fc.assert(
      fc.property(fc.tuple(...keys.map(() => arbPart)), fc.constantFrom(...keys), fc.integer({ min: 1, max: 50 }), (parts, grown, more) => {
        const inputs = Object.fromEntries(keys.map((k, i) => [k, parts[i]])) as DigitalizationInputs
        const r = inputs[grown]!
        const after = digitalizationScore({ ...inputs, [grown]: { ...r, numerator: Math.min(r.denominator, r.numerator + more) } })
        const before = digitalizationScore(inputs)
        if (before.score !== null) expect(after.score!).toBeGreaterThanOrEqual(before.score - 1e-9)
      }),
    )
  })
})

describe('score gates never pass on what cannot be computed', () => {
  it('refuse a NaN main-meter completeness and more connected machines than registered, naming the input', () => {
    const refusal = (f: () => unknown) => {
      try {
        f()
      } catch (err) {
        return err instanceof MetricsInputError ? err.argument : err
      }
      return 'no error'
    }
    expect(refusal(() => energyScore({ ...base, mainMeterCompleteness: Number.NaN }))).toBe('inputs.mainMeterCompleteness')
    expect(refusal(() => energyScore({ ...base, subMeteredShare: Number.POSITIVE_INFINITY }))).toBe('inputs.subMeteredShare')
    expect(refusal(() => digitalizationScore({ networking: { numerator: 91, denominator: 90 } }))).toBe('inputs.networking.numerator')
    expect(refusal(() => digitalizationScore({ networking: { numerator: Number.NaN, denominator: 90 } }))).toBe('inputs.networking.numerator')
    // Meters may disagree: sub-metered kWh above the main meter is honest data, not an error.
    expect(digitalizationScore({ networking: { numerator: 45, denominator: 90 }, subMetering: { numerator: 105, denominator: 100 } }).status).toBe('ok')
  })
})
