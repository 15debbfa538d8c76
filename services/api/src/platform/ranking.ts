import type { ScoreRecord } from '@millstream/contract'
import { percentileRanks, rollupScores, type PeerScore, type Rollup } from '@millstream/metrics'

export interface RankedScore {
  score: number | null
  level: string | null
  /** 1 = best among the plants ranked; null without a score. */
  rank: number | null
  /** Percentile rank among all ranked plants and within the plant's cluster (mid-rank, 0-100). */
  percentile: number | null
  clusterPercentile: number | null
}
export interface RankedPlant {
  firm: string
  plant: string
  cluster: string | null
  periodStart: string
  digitalization: RankedScore
  energy: RankedScore
  /** The data-quality gates behind the scores: the 90 % rule and why a score was withheld. */
  gates: { completeness: number | null; meetsMonitoringRule: boolean; machinesConnected: number; machinesRegistered: number; withheld: string[] }
}
export interface Ranking {
  plants: RankedPlant[]
  firms: { firm: string; digitalization: Rollup; energy: Rollup }[]
  clusters: { cluster: string; digitalization: Rollup; energy: Rollup }[]
}

type Kind = 'digitalization' | 'energy'
const KINDS: Kind[] = ['digitalization', 'energy']
/** The plant's kgce in the period, where its record carries it (score records from issue 12's roll-up contract on). */
const kgceOf = (r: ScoreRecord): number | null => {
  const v = (r as { energyKgce?: unknown }).energyKgce
  return typeof v === 'number' ? v : null
}
/**
 * Peers weigh by size (peer-rollup.ts: a small plant does not weigh like a large one): registered
 * machines for digitalization; kgce for energy when every record carries it, else machines too.
 */
const weigher = (records: readonly ScoreRecord[]) => {
  const byKgce = records.length > 0 && records.every((r) => kgceOf(r) !== null)
  return (r: ScoreRecord, kind: Kind): PeerScore => ({ id: `${r.firm}/${r.plant}`, score: r[kind].score, weight: kind === 'energy' && byKgce ? (kgceOf(r) as number) : r.dataSufficiency.machinesRegistered })
}

/**
 * Plants ranked by each score, with percentiles overall and in their cluster, and firm and cluster
 * roll-ups: all by @millstream/metrics (percentileRanks, rollupScores). One record per plant: the
 * latest of the period asked for.
 */
export function rankPlants(records: readonly ScoreRecord[]): Ranking {
  const peer = weigher(records)
  const byGroup = <K extends string>(keyOf: (r: ScoreRecord) => K | null) => {
    const groups = new Map<K, ScoreRecord[]>()
    for (const r of records) {
      const k = keyOf(r)
      if (k !== null) groups.set(k, [...(groups.get(k) ?? []), r])
    }
    return groups
  }
  const clusters = byGroup((r) => r.cluster)
  const overall = Object.fromEntries(KINDS.map((k) => [k, percentileRanks(records.map((r) => peer(r, k)))])) as Record<Kind, Map<string, number>>
  const inCluster = Object.fromEntries(KINDS.map((k) => [k, new Map([...clusters.values()].flatMap((rs) => [...percentileRanks(rs.map((r) => peer(r, k)))]))])) as Record<Kind, Map<string, number>>
  const rankOf = (kind: Kind, r: ScoreRecord) => {
    const s = r[kind].score
    return s === null ? null : 1 + records.filter((o) => (o[kind].score ?? -1) > s).length
  }
  const ranked = (r: ScoreRecord, kind: Kind): RankedScore => {
    const id = `${r.firm}/${r.plant}`
    return { score: r[kind].score, level: r[kind].level?.id ?? null, rank: rankOf(kind, r), percentile: overall[kind].get(id) ?? null, clusterPercentile: inCluster[kind].get(id) ?? null }
  }
  const plants = records.map((r): RankedPlant => ({
    firm: r.firm, plant: r.plant, cluster: r.cluster, periodStart: r.periodStart,
    digitalization: ranked(r, 'digitalization'), energy: ranked(r, 'energy'),
    gates: {
      completeness: r.dataSufficiency.completeness, meetsMonitoringRule: r.dataSufficiency.meetsMonitoringRule,
      machinesConnected: r.dataSufficiency.machinesConnected, machinesRegistered: r.dataSufficiency.machinesRegistered,
      withheld: KINDS.flatMap((k) => r[k].reasons.map((reason) => `${k}: ${reason}`)),
    },
  })).sort((a, b) => (a.digitalization.rank ?? Infinity) - (b.digitalization.rank ?? Infinity) || `${a.firm}/${a.plant}`.localeCompare(`${b.firm}/${b.plant}`))
  const rollups = (rs: ScoreRecord[]) => ({ digitalization: rollupScores(rs.map((r) => peer(r, 'digitalization'))), energy: rollupScores(rs.map((r) => peer(r, 'energy'))) })
  return {
    plants,
    firms: [...byGroup((r) => r.firm)].map(([firm, rs]) => ({ firm, ...rollups(rs) })),
    clusters: [...clusters].map(([cluster, rs]) => ({ cluster, ...rollups(rs) })),
  }
}
