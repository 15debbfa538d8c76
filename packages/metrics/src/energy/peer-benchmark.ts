import { nonNegative } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/** One plant's figure where lower is better (specific energy, kgce per unit of output). */
export interface PeerValue {
  id: string
  value: number
}

export interface PeerBenchmark {
  /** Plants in the group, the plant itself included. */
  plants: number
  /**
   * Mid-rank percentile of the plant, lower values ranking higher: the share of the group with a
   * higher (worse) value plus half of those with the same, × 100. 100 = the most efficient.
   */
  percentile: number | null
  /** Quartiles of the group (linear interpolation between order statistics); null below `minPlantsForQuartiles`. */
  quartiles: { p25: number; median: number; p75: number } | null
}

/**
 * Groups smaller than this get no quartiles: with two or three plants a quartile is close to one
 * firm's own figure. MillStream's disclosure rule for anonymised benchmarking (issue 15; the
 * statistical-disclosure "threshold rule"), not a figure of a standard.
 */
export const MIN_PLANTS_FOR_QUARTILES = 5

/**
 * Where one plant stands among the plants of its group (对标: same product family, same cluster)
 * on a figure where lower is better. Only the plant's own rank and the group's quartiles come out:
 * no other plant's value or id, so the answer is anonymous.
 */
export function peerBenchmark(group: readonly PeerValue[], self: string, minPlantsForQuartiles: number = MIN_PLANTS_FOR_QUARTILES): PeerBenchmark {
  nonNegative('minPlantsForQuartiles', minPlantsForQuartiles)
  group.forEach((p, i) => nonNegative(`group[${i}].value`, p.value))
  if (new Set(group.map((p) => p.id)).size !== group.length) throw new MetricsInputError('group', 'must name each plant once', group.map((p) => p.id))
  const own = group.find((p) => p.id === self)
  const values = group.map((p) => p.value).sort((a, b) => a - b)
  const percentile = own === undefined ? null : (100 * (values.filter((v) => v > own.value).length + 0.5 * values.filter((v) => v === own.value).length)) / values.length
  const quartiles = values.length >= Math.max(1, minPlantsForQuartiles) ? { p25: quantile(values, 0.25), median: quantile(values, 0.5), p75: quantile(values, 0.75) } : null
  return { plants: group.length, percentile, quartiles }
}

/** Quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7, the spreadsheet default). */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo)
}
