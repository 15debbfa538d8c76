import { finite, nonNegative } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/**
 * Roll-ups and benchmarking (对标) for the platform (docs/scores.md §6). A firm's or cluster's score
 * is the mean of its plants' scores weighted by each plant's size (registered machines for
 * digitalization, kgce for energy), so a small plant does not weigh like a large one. Plants without
 * enough data are left out and counted.
 */
export interface PeerScore {
  id: string
  score: number | null
  weight: number
}

export interface Rollup {
  score: number | null
  plants: number
  plantsWithoutData: number
}

export function rollupScores(plants: readonly PeerScore[]): Rollup {
  checkPeers(plants)
  const scored = plants.filter((p) => p.score !== null && p.weight > 0)
  const weight = scored.reduce((s, p) => s + p.weight, 0)
  const score = weight > 0 ? scored.reduce((s, p) => s + (p.score as number) * p.weight, 0) / weight : null
  return { score, plants: scored.length, plantsWithoutData: plants.length - scored.length }
}

/**
 * Percentile rank of each scored plant among its peers: the share of peers scoring strictly lower
 * plus half of those scoring the same (mid-rank), × 100. A single plant gets 50.
 */
export function percentileRanks(plants: readonly PeerScore[]): Map<string, number> {
  checkPeers(plants)
  const scores = plants.flatMap((p) => (p.score === null ? [] : [p.score]))
  const ranks = new Map<string, number>()
  for (const p of plants) {
    if (p.score === null) continue
    const below = scores.filter((s) => s < (p.score as number)).length
    const equal = scores.filter((s) => s === p.score).length
    ranks.set(p.id, (100 * (below + 0.5 * equal)) / scores.length)
  }
  return ranks
}

function checkPeers(plants: readonly PeerScore[]): void {
  plants.forEach((p, i) => {
    if (p.score !== null && !(finite(`plants[${i}].score`, p.score) >= 0 && p.score <= 100)) throw new MetricsInputError(`plants[${i}].score`, 'is a score and must be within 0 to 100', p.score)
    nonNegative(`plants[${i}].weight`, p.weight)
  })
}
