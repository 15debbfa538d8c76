import { finiteResult, nonNegative, share } from '../input/check-number.ts'

/**
 * The provincial online energy-monitoring rule: data uploaded ÷ data expected must reach 90 %
 * (key energy-using units' online monitoring, data quality §3.4; scores-and-views.md §3, V2, 2019).
 */
export const MONITORING_COMPLETENESS_SHARE = 0.9

export interface DataCompleteness {
  /** Received ÷ expected, capped at 1 (a repeated minute is not extra data); null when nothing was expected. */
  completeness: number | null
  meetsRule: boolean
}

/** Completeness of one meter or device over a period: minutes (or samples) received against expected. */
export function dataCompleteness(received: number, expected: number, ruleShare: number = MONITORING_COMPLETENESS_SHARE): DataCompleteness {
  nonNegative('received', received)
  nonNegative('expected', expected)
  share('ruleShare', ruleShare)
  const completeness = expected > 0 ? finiteResult('received', Math.min(1, received / expected)) : null
  return { completeness, meetsRule: completeness !== null && completeness >= ruleShare }
}
