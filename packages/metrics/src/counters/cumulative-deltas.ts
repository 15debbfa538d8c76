import type { Interval } from '../time/interval.ts'
import { DEFAULT_CONSTANTS } from '../constants/default-constants.ts'
import { maxPlausibleIncrease, type PlausibilityLimit } from './plausibility.ts'
import { finiteResult, interval, isInterval, isNonNegative, nonNegative } from '../input/check-number.ts'
import { checkCounterOptions, checkSamples } from './check-samples.ts'
import { strictlyIncreasing } from '../time/strictly-increasing.ts'

/** A reading of a cumulative counter or meter (`count.total`, `count.good`, `energy.total`). */
export interface CumulativeSample {
  tsMs: number
  total: number
  seq?: number
}

export interface CumulativeOptions {
  /**
   * The register's modulus: it counts modulo this and wraps to 0 on reaching it (e.g. 100 000 for
   * a five-digit kWh register). Without it every drop is a reset.
   */
  registerModulus?: number
  /** With `registerModulus`: a drop from at least this share of it is a wrap, else a reset (default: constant `rolloverBand`). */
  rolloverBand?: number
  /**
   * The device's physical limit. With it, a step the device cannot have made in the elapsed time
   * is a discontinuity (delta 0); without it every rise counts and every drop is a restart.
   */
  limit?: PlausibilityLimit
}

/**
 * Why an interval was not counted: `rewind`, the register went down to a value the device cannot
 * have reached from zero since the last reading (rewound, replaced, swapped); `implausible_jump`,
 * it went up by more than the device can produce or consume in the time.
 */
export const DISCONTINUITY_KINDS = ['rewind', 'implausible_jump'] as const
export type DiscontinuityKind = (typeof DISCONTINUITY_KINDS)[number]

/** The increase between two consecutive readings, attributed to the time between them. */
export interface DeltaInterval extends Interval {
  delta: number
  kind: 'increase' | 'reset' | 'rollover' | DiscontinuityKind
  /** Discontinuities only: the two raw readings, kept so that the excluded interval can be reported. */
  readings?: { prev: CumulativeSample; next: CumulativeSample }
}

/**
 * Readings in event-time order, one per instant, whatever order and how often they arrived.
 * Of two readings with the same `tsMs` the one with the higher `seq`, then the larger total, wins.
 * Non-finite or negative totals and instants out of range are refused (MetricsInputError).
 */
export function cleanSamples<T extends CumulativeSample>(samples: readonly T[]): readonly T[] {
  checkSamples(samples)
  // Already clean (what the aggregator keeps): the filter, sort and dedupe below would return it as
  // it is, so it is returned without the copies (issue 16).
  if (samples.every(usable) && strictlyIncreasing(samples)) return samples
  const sorted = samples
    .filter(usable)
    .sort((a, b) => a.tsMs - b.tsMs || (a.seq ?? -1) - (b.seq ?? -1) || a.total - b.total)
  const result: T[] = []
  for (const s of sorted) {
    if (result.at(-1)?.tsMs === s.tsMs) result[result.length - 1] = s
    else result.push(s)
  }
  return result
}

const usable = (s: CumulativeSample) => Number.isFinite(s.total) && s.total >= 0 && Number.isFinite(s.tsMs)

/**
 * Increases between consecutive readings (DESIGN.md "Counters and meters"): a rise is the
 * difference; a drop is a device restart, so the new reading itself is what accrued since (never
 * a negative contribution); with a known `registerModulus`, a drop from near the top of the register
 * is a wrap, worth `registerModulus - previous + new`. With a `limit` (issue 9), each of these is
 * believed only when the device can have made it in the elapsed time: otherwise the interval is a
 * discontinuity, counted as 0 and returned with its raw readings.
 */
export function cumulativeDeltas(samples: readonly CumulativeSample[], options: CumulativeOptions = {}): DeltaInterval[] {
  checkCounterOptions(options)
  const clean = cleanSamples(samples)
  const intervals: DeltaInterval[] = []
  for (let i = 1; i < clean.length; i++) intervals.push(stepBetween(clean[i - 1] as CumulativeSample, clean[i] as CumulativeSample, options))
  return intervals
}

function stepBetween(prev: CumulativeSample, next: CumulativeSample, options: CumulativeOptions): DeltaInterval {
  const maxIncrease = options.limit ? maxPlausibleIncrease(options.limit, next.tsMs - prev.tsMs) : Number.POSITIVE_INFINITY
  if (next.total >= prev.total) {
    const delta = next.total - prev.total
    return delta <= maxIncrease ? deltaInterval(prev, next, delta, 'increase') : discontinuity(prev, next, 'implausible_jump')
  }
  const band = options.rolloverBand ?? DEFAULT_CONSTANTS.rolloverBand.value
  if (options.registerModulus !== undefined && prev.total >= band * options.registerModulus && prev.total <= options.registerModulus) {
    const delta = options.registerModulus - prev.total + next.total
    if (delta <= maxIncrease) return deltaInterval(prev, next, delta, 'rollover')
  }
  // A restart from zero: the new reading is what accrued since, if the device can have made it.
  return next.total <= maxIncrease ? deltaInterval(prev, next, next.total, 'reset') : discontinuity(prev, next, 'rewind')
}

function deltaInterval(prev: CumulativeSample, next: CumulativeSample, delta: number, kind: DeltaInterval['kind']): DeltaInterval {
  return { startMs: prev.tsMs, endMs: next.tsMs, delta, kind }
}

function discontinuity(prev: CumulativeSample, next: CumulativeSample, kind: DiscontinuityKind): DeltaInterval {
  return { startMs: prev.tsMs, endMs: next.tsMs, delta: 0, kind, readings: { prev, next } }
}

/** The intervals that were not counted, with their raw readings. */
export function discontinuities(intervals: readonly DeltaInterval[]): (DeltaInterval & { kind: DiscontinuityKind; readings: { prev: CumulativeSample; next: CumulativeSample } })[] {
  intervals.forEach((i, k) => {
    if (!isInterval(i) || !isNonNegative(i.delta)) {
      interval(`intervals[${k}]`, i)
      nonNegative(`intervals[${k}].delta`, i.delta)
    }
    if (i.readings) checkSamples([i.readings.prev, i.readings.next], `intervals[${k}].readings`)
  })
  return intervals.filter((i): i is DeltaInterval & { kind: DiscontinuityKind; readings: { prev: CumulativeSample; next: CumulativeSample } } => i.readings !== undefined && (i.kind === 'rewind' || i.kind === 'implausible_jump'))
}

/** Sum of the deltas. */
export function totalDelta(intervals: readonly DeltaInterval[]): number {
  return finiteResult('intervals', intervals.reduce((sum, i, k) => sum + (isNonNegative(i.delta) ? i.delta : nonNegative(`intervals[${k}].delta`, i.delta)), 0))
}
