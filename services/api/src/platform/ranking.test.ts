import type { ScoreRecord } from '@millstream/contract'
import { rollupScores } from '@millstream/metrics'
import { describe, expect, it } from 'vitest'
import { rankPlants } from './ranking.ts'

/** The parts of a score record the ranking reads. */
const record = (plant: string, digitalization: number | null, energy: number, machines: number, energyKgce?: number) => ({
  firm: 'f', plant, cluster: 'c', periodStart: '2025-06-02T00:00:00.000+08:00',
  digitalization: { score: digitalization, level: null, reasons: digitalization === null ? ['networking below the gate'] : [] },
  energy: { score: energy, level: null, reasons: [] },
  dataSufficiency: { machinesRegistered: machines, machinesConnected: machines, completeness: 0.95, meetsMonitoringRule: true },
  ...(energyKgce === undefined ? {} : { energyKgce }),
}) as unknown as ScoreRecord

describe('platform ranking', () => {
  it('ranks by score, best first, and lists a plant without a score last with why', () => {
    const r = rankPlants([record('a', 40, 50, 10), record('b', 80, 60, 10), record('c', null, 70, 10)])
    expect(r.plants.map((p) => [p.plant, p.digitalization.rank])).toEqual([['b', 1], ['a', 2], ['c', null]])
    expect(r.plants[2]?.gates.withheld).toEqual(['digitalization: networking below the gate'])
  })

  it('weighs energy roll-ups by kgce when every record carries it, by machines otherwise', () => {
    const withKgce = rankPlants([record('a', 40, 50, 10, 1000), record('b', 80, 90, 30, 3000)])
    expect(withKgce.firms[0]?.energy).toEqual(rollupScores([{ id: 'a', score: 50, weight: 1000 }, { id: 'b', score: 90, weight: 3000 }]))
    const mixed = rankPlants([record('a', 40, 50, 30, 1000), record('b', 80, 90, 10)])
    expect(mixed.firms[0]?.energy.score).toBeCloseTo((50 * 30 + 90 * 10) / 40, 9)
    expect(mixed.firms[0]?.digitalization.score).toBeCloseTo((40 * 30 + 80 * 10) / 40, 9)
  })
})
