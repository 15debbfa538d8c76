import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diagnose } from './diagnosis.ts'
import { digitalizationScore } from './digitalization-score.ts'
import { percentileRanks, rollupScores } from './peer-rollup.ts'
import { scoreLevel } from './score-level.ts'

describe('diagnosis', () => {
  it('names the unconnected looms first when networking loses the most points', () => {
    // D1 = 8/20 = 0.4 → s = 0.4/0.9, gain = 100 × 0.25 × (1 − 0.444…) = 13.9; D3 complete; others at target.
    const r = digitalizationScore({ networking: { numerator: 8, denominator: 20 }, acquisition: { numerator: 1, denominator: 1 }, completeness: { numerator: 1, denominator: 1 }, timeliness: { numerator: 1, denominator: 1 }, subMetering: { numerator: 1, denominator: 1 }, stopAttribution: { numerator: 1, denominator: 1 }, kpiComputability: { numerator: 1, denominator: 1 } })
    const items = diagnose([r], { D1: { en: '12 unconnected looms of line 2', zh: '2号线12台未联网织机' } })
    expect(items).toHaveLength(1)
    expect(items[0]?.en).toBe('connect the 12 unconnected looms of line 2, +13.9 points')
    expect(items[0]?.zh).toBe('接入2号线12台未联网织机，可加13.9分')
  })
  it('ranks by gain and never promises more than the score lacks', () => {
    const ratio = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 })).map(([n, d]) => ({ numerator: Math.min(n, d), denominator: d }))
    fc.assert(fc.property(ratio, ratio, ratio, ratio, (a, b, c, d) => {
      const r = digitalizationScore({ networking: { numerator: a.denominator, denominator: a.denominator }, acquisition: b, completeness: c, timeliness: d })
      const items = diagnose([r], {}, 10)
      for (let i = 1; i < items.length; i++) expect(items[i - 1]!.gainPoints).toBeGreaterThanOrEqual(items[i]!.gainPoints)
      const total = items.reduce((s, x) => s + x.gainPoints, 0)
      expect(total).toBeLessThanOrEqual(100 - (r.score ?? 100) + 0.05 * items.length + 1e-9)
    }))
  })
})

describe('levels, roll-ups and percentiles', () => {
  it('names levels in zh-CN and en and gives none without data', () => {
    expect(scoreLevel(59.9)).toEqual({ id: 'basic', zh: '基础', en: 'Basic' })
    expect(scoreLevel(80)?.en).toBe('Advanced')
    expect(scoreLevel(null)).toBeNull()
  })
  it('weights a firm by plant size and leaves plants without data out', () => {
    expect(rollupScores([{ id: 'a', score: 80, weight: 30 }, { id: 'b', score: 40, weight: 10 }, { id: 'c', score: null, weight: 50 }])).toEqual({ score: 70, plants: 2, plantsWithoutData: 1 })
  })
  it('keeps a roll-up between its lowest and highest plant, and percentiles monotone in the score', () => {
    const peers = fc.array(fc.record({ id: fc.uuid(), score: fc.option(fc.double({ min: 0, max: 100, noNaN: true })), weight: fc.double({ min: 0.1, max: 1000, noNaN: true }) }), { minLength: 1, maxLength: 20 })
    fc.assert(fc.property(peers, (ps) => {
      const scored = ps.flatMap((p) => (p.score === null ? [] : [p.score]))
      const r = rollupScores(ps)
      if (scored.length > 0) {
        expect(r.score!).toBeGreaterThanOrEqual(Math.min(...scored) - 1e-9)
        expect(r.score!).toBeLessThanOrEqual(Math.max(...scored) + 1e-9)
      }
      const ranks = percentileRanks(ps)
      for (const a of ps) for (const b of ps) if (a.score !== null && b.score !== null && a.score < b.score) expect(ranks.get(a.id)!).toBeLessThan(ranks.get(b.id)!)
    }))
  })
})
