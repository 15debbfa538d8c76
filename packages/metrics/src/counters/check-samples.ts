import { epochMs, finite, isEpochMs, isFiniteNumber, isNonNegative, nonNegative, positive, share } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/**
 * Readings a counter rule can use (issue 9 §3): instants in range, cumulative totals finite and
 * not negative (the wire contract refuses the rest before they get here, so a bad one is a bug).
 */
export function checkSamples(samples: readonly { tsMs: number; total: number; seq?: number }[], argument = 'samples'): void {
  if (!Array.isArray(samples)) throw new MetricsInputError(argument, 'must be an array of readings', samples)
  samples.forEach((s, i) => {
    if (isEpochMs(s.tsMs) && isNonNegative(s.total) && (s.seq === undefined || isFiniteNumber(s.seq))) return
    epochMs(`${argument}[${i}].tsMs`, s.tsMs)
    nonNegative(`${argument}[${i}].total`, s.total)
    if (s.seq !== undefined) finite(`${argument}[${i}].seq`, s.seq)
  })
}

/**
 * A register modulus above 0 and a wrap band in (0, 1]. A register wider than 2^53 could not count
 * in steps of 1 in a double, so no real one is.
 */
export function checkCounterOptions(options: { registerModulus?: number; rolloverBand?: number }): void {
  if (options.registerModulus !== undefined && positive('options.registerModulus', options.registerModulus) > Number.MAX_SAFE_INTEGER) {
    throw new MetricsInputError('options.registerModulus', 'cannot exceed 2^53 - 1', options.registerModulus)
  }
  if (options.rolloverBand !== undefined) positive('options.rolloverBand', share('options.rolloverBand', options.rolloverBand))
}
