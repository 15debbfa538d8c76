import type { Interval } from '../time/interval.ts'
import { DEFAULT_CONSTANTS } from '../constants/default-constants.ts'

/** A reading of a cumulative counter or meter (`count.total`, `count.good`, `energy.total`). */
export interface CumulativeSample {
  tsMs: number
  total: number
  seq?: number
}

export interface CumulativeOptions {
  /**
   * The value at which the register wraps to 0 (e.g. 100 000 for a five-digit kWh register).
   * Without it every drop is a reset.
   */
  rolloverAt?: number
  /** With `rolloverAt`: a drop from at least this share of it is a wrap, else a reset (default: constant `rolloverBand`). */
  rolloverBand?: number
}

/** The increase between two consecutive readings, attributed to the time between them. */
export interface DeltaInterval extends Interval {
  delta: number
  kind: 'increase' | 'reset' | 'rollover'
}

/**
 * Readings in event-time order, one per instant, whatever order and how often they arrived.
 * Of two readings with the same `tsMs` the one with the higher `seq`, then the larger total, wins.
 * Non-finite or negative totals (refused by the contract anyway) are dropped.
 */
export function cleanSamples<T extends CumulativeSample>(samples: readonly T[]): T[] {
  const sorted = samples
    .filter((s) => Number.isFinite(s.total) && s.total >= 0 && Number.isFinite(s.tsMs))
    .sort((a, b) => a.tsMs - b.tsMs || (a.seq ?? -1) - (b.seq ?? -1) || a.total - b.total)
  const result: T[] = []
  for (const s of sorted) {
    if (result.at(-1)?.tsMs === s.tsMs) result[result.length - 1] = s
    else result.push(s)
  }
  return result
}

/**
 * Increases between consecutive readings (DESIGN.md "Counters and meters"): a rise is the
 * difference; a drop is a device restart, so the new reading itself is what accrued since (never
 * a negative contribution); with a known `rolloverAt`, a drop from near the top of the register
 * is a wrap, worth `rolloverAt - previous + new`.
 */
export function cumulativeDeltas(samples: readonly CumulativeSample[], options: CumulativeOptions = {}): DeltaInterval[] {
  const clean = cleanSamples(samples)
  const band = options.rolloverBand ?? DEFAULT_CONSTANTS.rolloverBand.value
  const intervals: DeltaInterval[] = []
  for (let i = 1; i < clean.length; i++) {
    const prev = clean[i - 1] as CumulativeSample
    const next = clean[i] as CumulativeSample
    const span = { startMs: prev.tsMs, endMs: next.tsMs }
    if (next.total >= prev.total) intervals.push({ ...span, delta: next.total - prev.total, kind: 'increase' })
    else if (options.rolloverAt !== undefined && prev.total >= band * options.rolloverAt && prev.total <= options.rolloverAt) {
      intervals.push({ ...span, delta: options.rolloverAt - prev.total + next.total, kind: 'rollover' })
    } else intervals.push({ ...span, delta: next.total, kind: 'reset' })
  }
  return intervals
}

/** Sum of the deltas. */
export function totalDelta(intervals: readonly DeltaInterval[]): number {
  return intervals.reduce((sum, i) => sum + i.delta, 0)
}
