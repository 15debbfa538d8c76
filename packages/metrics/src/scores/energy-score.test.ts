import { describe, expect, it } from 'vitest'
import { DEFAULT_ENERGY_SCORE_CONFIG } from './energy-config.ts'
import { energyScore, type EnergyScoreInputs } from './energy-score.ts'
import { energyScoreConfigSchema, resolveEnergyScoreConfig } from './resolve-score-config.ts'
import { ramp, redistributeWeights } from './ramp.ts'

const H = 3_600_000

// The worked example of docs/metrics.md.
const example: EnergyScoreInputs = {
  mainMeterCompleteness: 0.99,
  subMeteredShare: 0.6,
  families: [{ family: 'dyeing_woven_cotton', energyKgce: 2700, outputQty: 10_000, unit: 'm' }],
  baseline: { actualEnergy: 9900, expectedEnergy: 10_000, baselineMonths: 12, yearsSinceBaseline: 1 },
  idleShare: 0.175,
  loadShift: { peakKwh: 3500, totalKwh: 10_000, peakPotMs: 0.35 * 720 * H, potMs: 720 * H },
}
const weightOf = (s: ReturnType<typeof energyScore>, id: string) => s.components.find((c) => c.id === id)?.weight

describe('energy score', () => {
  it('ships a default model whose weights sum to 1', () => {
    expect(energyScoreConfigSchema.safeParse(DEFAULT_ENERGY_SCORE_CONFIG).success).toBe(true)
  })

  it('scores the documented example at 54.4', () => {
    const s = energyScore(example)
    expect(s.status).toBe('ok')
    const [e1, e2, e3, e4] = s.components
    // E1: 27 kgce/100 m against limit 30 [S28] and placeholder advanced 24 -> 0.5.
    expect(e1).toMatchObject({ value: 0.9, subScore: expect.closeTo(0.5, 9), inputs: { 'dyeing_woven_cotton.secKgce': 27, 'dyeing_woven_cotton.advancedKgce': 24 } })
    // E2: I = 0.99, g = 2.86 % after one year -> 0.5 + 0.01 / 0.0572.
    expect(e2).toMatchObject({ value: 0.99, floor: expect.closeTo(1.0286, 9), target: expect.closeTo(0.9714, 9) })
    expect(e2?.subScore).toBeCloseTo(0.5 + 0.01 / 0.0572, 9)
    expect(e3?.subScore).toBeCloseTo(0.5, 9)
    expect(e4).toMatchObject({ value: expect.closeTo(1, 9), subScore: expect.closeTo(0.5, 9) })
    expect(s.score).toBeCloseTo(100 * (0.4 * 0.5 + 0.25 * (0.5 + 0.01 / 0.0572) + 0.2 * 0.5 + 0.15 * 0.5), 9)
    expect(s.score).toBeCloseTo(54.37, 2)
    expect(s.notes.some((n) => n.includes('placeholder'))).toBe(true)
  })

  it('disables E4 without a tariff calendar and spreads its weight over the rest', () => {
    const s = energyScore({ ...example, loadShift: undefined })
    expect(s.components[3]).toMatchObject({ state: 'unavailable', reason: 'no tariff calendar configured' })
    expect(weightOf(s, 'E1')).toBeCloseTo(0.4 / 0.85, 12)
  })

  it('moves E1 to E2 and E3 when no product family has a benchmark', () => {
    const s = energyScore({ ...example, families: [{ family: 'ring_yarn_20tex', energyKgce: 100, outputQty: 1000, unit: 'kg' }] })
    expect(weightOf(s, 'E1')).toBe(0)
    expect(weightOf(s, 'E2')).toBeCloseTo(0.25 + 0.4 * (0.25 / 0.45), 12)
    expect(weightOf(s, 'E3')).toBeCloseTo(0.2 + 0.4 * (0.2 / 0.45), 12)
    expect(weightOf(s, 'E4')).toBe(0.15)
  })

  it('says the baseline is pending before 12 months and moves E2 to E1 and E3', () => {
    const s = energyScore({ ...example, baseline: { ...example.baseline!, baselineMonths: 7 } })
    expect(s.components[1]).toMatchObject({ state: 'unavailable' })
    expect(s.notes).toContain('Baseline pending: E2 needs a baseline of at least 12 months.')
    expect(weightOf(s, 'E1')! + weightOf(s, 'E3')!).toBeCloseTo(0.85, 12)
  })

  it('withholds the score when the main meter is incomplete or sub-metering is thin', () => {
    const s = energyScore({ ...example, mainMeterCompleteness: 0.9, subMeteredShare: 0.3 })
    expect(s).toMatchObject({ status: 'insufficient_data', score: null })
    expect(s.failing.map((f) => f.input)).toEqual(['mainMeterCompleteness', 'subMeteredShare (D5)'])
  })

  it('can gate only E3 on sub-metering when configured so', () => {
    const config = resolveEnergyScoreConfig({ gates: { ...DEFAULT_ENERGY_SCORE_CONFIG.gates, subMeteredShareGates: 'E3' } })
    const s = energyScore({ ...example, subMeteredShare: 0.3 }, config)
    expect(s.status).toBe('ok')
    expect(s.modelVersion).toBe('energy-2026.1+custom')
    expect(s.components[2]).toMatchObject({ state: 'unavailable', reason: 'sub-metered share below 0.5' })
  })
})

describe('score configuration', () => {
  it('refuses weights that do not sum to 1 and unknown components', () => {
    expect(() => resolveEnergyScoreConfig({ components: { E1: { weight: 0.5 } } })).toThrow(/weights must sum to 1/)
    expect(() => resolveEnergyScoreConfig({ components: { E9: { weight: 0.5 } } })).toThrow(/unknown component E9/)
    const tuned = resolveEnergyScoreConfig({ modelVersion: 'energy-2026.2', components: { E1: { weight: 0.3 }, E3: { weight: 0.3 } } })
    expect(tuned.components.map((c) => c.weight)).toEqual([0.3, 0.25, 0.3, 0.15])
  })

  it('ramps up, down, and clamps', () => {
    expect(ramp(0.45, 0, 0.9)).toBe(0.5)
    expect(ramp(0.175, 0.3, 0.05)).toBeCloseTo(0.5, 12)
    expect([ramp(-1, 0, 1), ramp(2, 0, 1)]).toEqual([0, 1])
  })

  it('redistributes weights the same whatever the order of components', () => {
    const comps = [{ id: 'a', weight: 0.5, redistributeTo: ['b'] }, { id: 'b', weight: 0.3, redistributeTo: [] }, { id: 'c', weight: 0.2, redistributeTo: [] }]
    const w = redistributeWeights(comps, new Set(['b', 'c']))
    expect([w.get('a'), w.get('b'), w.get('c')]).toEqual([0, 0.8, 0.2])
    const reversed = redistributeWeights([...comps].reverse(), new Set(['b', 'c']))
    expect(reversed).toEqual(w)
  })
})
