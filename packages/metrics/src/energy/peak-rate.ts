import { interval, isNonNegative, nonNegative } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'

/** A meter reading that may carry the device's instantaneous rate (kW for electricity, flow otherwise). */
export interface RateReading {
  tsMs: number
  power?: number
}

/**
 * The highest instantaneous rate among the readings taken in [start, end) of the window; 0 when
 * none carries one. Readings at the end belong to the next window, so each counts once.
 */
export function peakRate(readings: readonly RateReading[], window: Interval): number {
  interval('window', window)
  let peak = 0
  readings.forEach((r, i) => {
    if (r.power !== undefined && r.power !== null && !isNonNegative(r.power)) nonNegative(`readings[${i}].power`, r.power)
  })
  for (const r of readings) if (r.tsMs >= window.startMs && r.tsMs < window.endMs && r.power !== undefined && r.power > peak) peak = r.power
  return peak
}
