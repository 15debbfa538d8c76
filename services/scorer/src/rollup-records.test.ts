import type { ScoreRecord } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { buildRollups } from './rollup-records.ts'
import type { PlantRef } from './score-run.ts'

const result = (score: number | null) => ({ modelVersion: 'v', status: score === null ? 'insufficient_data' : 'ok', score, level: null, reasons: score === null ? ['why'] : [], components: [], notes: [] }) as ScoreRecord['digitalization']
const record = (firm: string, plant: string, cluster: string, d: number | null, e: number | null, machines: number, kgce: number) =>
  ({ firm, plant, cluster, timeZone: 'Asia/Shanghai', period: 'day', periodStart: 's', periodEnd: 'e', digitalization: result(d), energy: result(e), energyKgce: kgce, dataSufficiency: { machinesRegistered: machines } }) as unknown as ScoreRecord
const ref = (firm: string, plant: string, families: string[]) => ({ firm: { id: firm }, plant: { id: plant, lines: families.map((f) => ({ productFamily: f })) } }) as unknown as PlantRef

describe('roll-ups of one period', () => {
  const records = [record('a', 'p1', 'X', 80, 60, 10, 100), record('a', 'p2', 'Y', 40, null, 30, 0), record('b', 'p3', 'X', 60, 90, 10, 300)]
  const rollups = buildRollups(records, [ref('a', 'p1', ['f']), ref('a', 'p2', ['f', 'g']), ref('b', 'p3', ['f'])])
  const get = (key: string) => rollups.find((r) => `${r.scope}/${r.subject}` === key)

  it('weights digitalization by registered machines and energy by kgce, leaving out plants without a score', () => {
    expect(get('firm/a')?.digitalization.score).toBeCloseTo((80 * 10 + 40 * 30) / 40, 9)
    expect(get('firm/a')?.energy).toMatchObject({ score: 60, plants: 1, plantsWithoutData: 1 })
    expect(get('cluster/X')?.energy.score).toBeCloseTo((60 * 100 + 90 * 300) / 400, 9)
  })

  it('ranks members by mid-rank percentile within each group and puts a plant in every family it makes', () => {
    expect(get('product_family/f')?.digitalization.members.map((m) => m.percentile)).toEqual([100 * (2 + 0.5) / 3, 100 * 0.5 / 3, 100 * (1 + 0.5) / 3].map((x) => Math.round(x * 1e6) / 1e6))
    expect(get('product_family/g')?.digitalization.members.map((m) => m.plant)).toEqual(['p2'])
    expect(rollups.map((r) => `${r.scope}/${r.subject}`)).toEqual(['cluster/X', 'cluster/Y', 'firm/a', 'firm/b', 'product_family/f', 'product_family/g'])
  })
})
