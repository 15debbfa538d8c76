import { finiteResult, nonNegative } from '../input/check-number.ts'

/**
 * The output the machine would have made in `runTimeMs` at its ideal rate: run time over the ideal
 * cycle (ISO 22400-2 PRU, planned run time per unit = 1 / ideal rate). With the actual run time
 * (APT) it is the denominator of effectiveness for a dashboard that shows units, not seconds.
 */
export function idealQuantity(runTimeMs: number, idealRatePerMin: number): number {
  nonNegative('runTimeMs', runTimeMs)
  nonNegative('idealRatePerMin', idealRatePerMin)
  return finiteResult('idealRatePerMin', (runTimeMs / 60_000) * idealRatePerMin)
}
