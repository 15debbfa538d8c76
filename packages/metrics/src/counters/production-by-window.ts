import { nonNegative, optional } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { apportionDeltas, type ApportionOptions } from './apportion.ts'
import { cumulativeDeltas, type CumulativeOptions, type DeltaInterval } from './cumulative-deltas.ts'
import { carryGood } from './good-carry.ts'

/** A `count` message: cumulative total and, when the device counts it, cumulative good. */
export interface CountSample {
  tsMs: number
  total: number
  good?: number
  seq?: number
}

export interface WindowCounts {
  producedQty: number[]
  /** Null when the device sends no good count. Never above producedQty in any window. */
  goodQty: number[] | null
  /** Good counted by the register that waits for output to catch up (carryGood). */
  goodCarryOutQty: number
  /** The intervals of both registers, discontinuities included (with their raw readings). */
  totalIntervals: DeltaInterval[]
  goodIntervals: DeltaInterval[]
}

/**
 * Produced and good quantity per window from count messages: each register's deltas by the
 * counters' rules (restarts, rollover, plausibility, even spread), then good carried so that it
 * never exceeds produced in a window (carryGood), starting from `goodCarryInQty`.
 */
export function productionByWindow(counts: readonly CountSample[], windows: readonly Interval[], options: CumulativeOptions & ApportionOptions & { goodCarryInQty?: number } = {}): WindowCounts {
  optional(nonNegative, 'options.goodCarryInQty', options.goodCarryInQty)
  const totalIntervals = cumulativeDeltas(counts, options)
  const producedQty = apportionDeltas(totalIntervals, windows, options)
  const goodSamples = counts.filter((c) => c.good !== undefined).map((c) => ({ tsMs: c.tsMs, total: c.good as number, ...(c.seq === undefined ? {} : { seq: c.seq }) }))
  if (goodSamples.length === 0) return { producedQty, goodQty: null, goodCarryOutQty: options.goodCarryInQty ?? 0, totalIntervals, goodIntervals: [] }
  const goodIntervals = cumulativeDeltas(goodSamples, options)
  const rawGood = apportionDeltas(goodIntervals, windows, options)
  const carried = carryGood(windows.map((_, i) => ({ producedQty: producedQty[i] as number, goodQty: rawGood[i] as number })), options.goodCarryInQty)
  return { producedQty, goodQty: carried.goodQty, goodCarryOutQty: carried.carryOutQty, totalIntervals, goodIntervals }
}
