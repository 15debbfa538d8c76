import { ROLLUP_WEIGHTINGS, type RollupScope, type RollupScore, type ScoreRecord, type ScoreRollupRecord } from '@millstream/contract'
import { percentileRanks, rollupScores, type PeerScore } from '@millstream/metrics'
import type { PlantRef } from './score-run.ts'

const r6 = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * The platform's roll-ups of one period's plant records (docs/scores.md §4): per firm, per
 * industrial cluster (registry plant `cluster`) and per product family (a plant belongs to every
 * family its lines make). Digitalization is weighted by registered machines, energy by the plant's
 * kgce in the period; each member carries its mid-rank percentile within the group. Pure and
 * ordered, so the same plant records give the same bytes.
 */
export function buildRollups(records: readonly ScoreRecord[], plants: readonly PlantRef[]): ScoreRollupRecord[] {
  const families = new Map(plants.map((p) => [`${p.firm.id}/${p.plant.id}`, [...new Set(p.plant.lines.flatMap((l) => (l.productFamily ? [l.productFamily] : [])))].sort()]))
  const groups = new Map<string, { scope: RollupScope; subject: string; period: ScoreRecord['period']; periodStart: string; periodEnd: string; members: ScoreRecord[] }>()
  const add = (scope: RollupScope, subject: string, r: ScoreRecord) => {
    const key = JSON.stringify([scope, subject, r.period, r.periodStart])
    const g = groups.get(key) ?? { scope, subject, period: r.period, periodStart: r.periodStart, periodEnd: r.periodEnd, members: [] }
    g.members.push(r)
    groups.set(key, g)
  }
  for (const r of records) {
    add('firm', r.firm, r)
    if (r.cluster) add('cluster', r.cluster, r)
    for (const family of families.get(`${r.firm}/${r.plant}`) ?? []) add('product_family', family, r)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => {
      const members = [...g.members].sort((a, b) => `${a.firm}/${a.plant}`.localeCompare(`${b.firm}/${b.plant}`))
      const versions = (kind: 'digitalization' | 'energy') => [...new Set(members.map((m) => m[kind].modelVersion))].sort()
      return {
        scope: g.scope,
        subject: g.subject,
        period: g.period,
        periodStart: g.periodStart,
        periodEnd: g.periodEnd,
        modelVersions: { digitalization: versions('digitalization'), energy: versions('energy') },
        digitalization: rollup(members, 'digitalization', (m) => m.dataSufficiency.machinesRegistered),
        energy: rollup(members, 'energy', (m) => m.energyKgce ?? 0),
      }
    })
}

function rollup(members: readonly ScoreRecord[], kind: 'digitalization' | 'energy', weightOf: (m: ScoreRecord) => number): RollupScore {
  const peers: PeerScore[] = members.map((m) => ({ id: `${m.firm}/${m.plant}`, score: m[kind].score, weight: weightOf(m) }))
  const total = rollupScores(peers)
  const ranks = percentileRanks(peers)
  return {
    score: total.score === null ? null : r6(total.score),
    weighting: ROLLUP_WEIGHTINGS[kind],
    plants: total.plants,
    plantsWithoutData: total.plantsWithoutData,
    members: members.map((m, i) => {
      const rank = ranks.get(`${m.firm}/${m.plant}`)
      return { firm: m.firm, plant: m.plant, score: m[kind].score, weight: r6(peers[i]?.weight ?? 0), percentile: rank === undefined ? null : r6(rank) }
    }),
  }
}
