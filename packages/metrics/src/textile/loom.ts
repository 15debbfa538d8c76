import { finiteResult, nonNegative, positive, share } from '../input/check-number.ts'
import type { StopTally } from '../efficiency/elements.ts'

/** The unit textbook stop rates are quoted in: stops per 100 000 picks [S8]. */
export const PICKS_PER_STOP_RATE_BASIS = 100_000

/**
 * Loom efficiency [S8]: picks inserted as a share of what the loom would insert running
 * continuously at its rated speed over the time base (PBT for ISO-style, POT for shed efficiency).
 * Over PBT it equals A × E of the ISO KPIs when the ideal rate is the rated speed.
 */
export function loomEfficiency(input: { picks: number; ratedPpm: number; durationMs: number }): number | null {
  nonNegative('picks', input.picks)
  positive('ratedPpm', input.ratedPpm)
  nonNegative('durationMs', input.durationMs)
  const possible = input.ratedPpm * (input.durationMs / 60_000)
  return finiteResult('picks', possible > 0 ? input.picks / possible : null)
}

/** One kind of stop as textbooks tabulate it: occurrences per 10^5 picks and mean repair time. */
export interface StopRate {
  per1e5Picks: number
  repairMin: number
}

/**
 * Efficiency from stop rates [S8]: running time per 10^5 picks is 10^5 / n; each stop kind k
 * adds s_k × τ_k; η = run / (run + stopped). Excludes major breakdowns and beam changes.
 */
export function loomEfficiencyFromStopRates(input: { speedPpm: number; stops: readonly StopRate[] }): number {
  positive('speedPpm', input.speedPpm)
  input.stops.forEach((s, i) => {
    nonNegative(`stops[${i}].per1e5Picks`, s.per1e5Picks)
    nonNegative(`stops[${i}].repairMin`, s.repairMin)
  })
  const runMin = PICKS_PER_STOP_RATE_BASIS / input.speedPpm
  const stoppedMin = input.stops.reduce((sum, s) => sum + s.per1e5Picks * s.repairMin, 0)
  return finiteResult('stops', runMin / (runMin + stoppedMin))
}

/** Stops per 10^5 picks. */
export function stopsPer1e5Picks(stopCount: number, picks: number): number | null {
  nonNegative('stopCount', stopCount)
  nonNegative('picks', picks)
  return finiteResult('stopCount', picks > 0 ? (stopCount * PICKS_PER_STOP_RATE_BASIS) / picks : null)
}

/** Stops per 10^5 picks for each reason code (warp_break, weft_break, ...). */
export function stopRatesByReason(stops: Readonly<Record<string, StopTally>>, picks: number): Record<string, number> | null {
  if (nonNegative('picks', picks) === 0) return null
  return Object.fromEntries(Object.entries(stops).map(([reason, t]) => [reason, finiteResult(`stops.${reason}.count`, (nonNegative(`stops.${reason}.count`, t.count) * PICKS_PER_STOP_RATE_BASIS) / picks)]))
}

/** Fabric length woven [S9][S17]: m = picks / (picks per cm × 100). */
export function fabricLengthM(picks: number, picksPerCm: number): number {
  nonNegative('picks', picks)
  return finiteResult('picks', picks / (positive('picksPerCm', picksPerCm) * 100))
}

/** Fabric output rate [S9][S17]: m/h = n × 60 × η / (picks per cm × 100). */
export function fabricMPerH(input: { speedPpm: number; picksPerCm: number; efficiency: number }): number {
  nonNegative('speedPpm', input.speedPpm)
  positive('picksPerCm', input.picksPerCm)
  share('efficiency', input.efficiency)
  return finiteResult('speedPpm', (input.speedPpm * 60 * input.efficiency) / (input.picksPerCm * 100))
}
