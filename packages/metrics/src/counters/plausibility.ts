import { finiteResult, nonNegative, optional, positive } from '../input/check-number.ts'
import { DEFAULT_CONSTANTS } from '../constants/default-constants.ts'

/**
 * What a device can physically add to a cumulative register (DESIGN.md "Counters and meters",
 * issue 9). A step beyond it is not production or consumption but a discontinuity: a register
 * rewound or replaced, a device swapped, a corrupted reading.
 */
export interface PlausibilityLimit {
  /**
   * The device's physical maximum rate in the register's unit per hour, from the registry:
   * rated power (kW = kWh/h) for a machine's electricity, its ideal rate x 60 for its counter,
   * the declared maximum flow of a meter or of a machine's other media.
   */
  maxRatePerH: number
  /** A register that legitimately moves in steps (a batch machine's count, one whole piece) may add this much at once. */
  stepQty?: number
  /** Headroom over the maximum rate (default: constant `plausibilityMargin`). */
  margin?: number
  /** Intervals shorter than this are allowed as much as this (default: constant `plausibilityMinIntervalS`). */
  minIntervalMs?: number
}

const HOUR_MS = 3_600_000

/** The largest increase the register can plausibly show after `durationMs` (>= 0). */
export function maxPlausibleIncrease(limit: PlausibilityLimit, durationMs: number): number {
  nonNegative('limit.maxRatePerH', limit.maxRatePerH)
  optional(nonNegative, 'limit.stepQty', limit.stepQty)
  optional(positive, 'limit.margin', limit.margin)
  optional(nonNegative, 'limit.minIntervalMs', limit.minIntervalMs)
  nonNegative('durationMs', durationMs)
  const margin = limit.margin ?? DEFAULT_CONSTANTS.plausibilityMargin.value
  const minIntervalMs = limit.minIntervalMs ?? DEFAULT_CONSTANTS.plausibilityMinIntervalS.value * 1000
  return finiteResult('limit.maxRatePerH', (limit.maxRatePerH * margin * Math.max(durationMs, minIntervalMs)) / HOUR_MS + (limit.stepQty ?? 0))
}
