import { MetricsInputError } from '../input/input-error.ts'
import { finite, finiteResult, nonNegative } from '../input/check-number.ts'

/**
 * The readings of one process gauge in a window (issue 16, docs/process-gauges.md): a gauge is an
 * instantaneous value, not a register, so a window has the lowest, highest and mean of the readings
 * taken in it (each reading weighs the same, whatever the time to the next), their number, and how
 * many fell outside the gauge's plausible range. `sumValue` is kept rather than the mean, so that
 * windows merge exactly as their readings would: a window's mean is sumValue / count.
 */
export interface GaugeSummary {
  minValue: number
  maxValue: number
  sumValue: number
  count: number
  outOfRange: number
}

/** A gauge's plausible range, both ends included (registry `gauges.<name>.min` and `max`). */
export interface GaugeRange {
  min: number
  max: number
}

/** The summary of a window's readings, in any order; null for a window without readings. */
export function summarizeGauge(values: readonly number[], range: GaugeRange): GaugeSummary | null {
  const min = finite('range.min', range.min)
  const max = finite('range.max', range.max)
  if (!(min < max)) throw new MetricsInputError('range.max', 'must be above range.min', range.max)
  let summary: GaugeSummary | null = null
  for (const [i, v] of values.entries()) {
    finite(`values[${i}]`, v)
    const one = { minValue: v, maxValue: v, sumValue: v, count: 1, outOfRange: v < min || v > max ? 1 : 0 }
    summary = summary === null ? one : mergeGaugeSummaries(summary, one)
  }
  return summary
}

/** Two windows' summaries as one (minutes into an hour): the result of summarizing all their readings. */
export function mergeGaugeSummaries(a: GaugeSummary, b: GaugeSummary): GaugeSummary {
  checkSummary('a', a)
  checkSummary('b', b)
  return {
    minValue: Math.min(a.minValue, b.minValue),
    maxValue: Math.max(a.maxValue, b.maxValue),
    sumValue: finiteResult('b.sumValue', a.sumValue + b.sumValue),
    count: a.count + b.count,
    outOfRange: a.outOfRange + b.outOfRange,
  }
}

/**
 * The mean reading of a window, sumValue / count, held inside [minValue, maxValue]: the rounding of
 * a float sum can put the quotient a last bit outside (three readings of 0.1 sum to 0.30000000000000004).
 */
export function gaugeMean(summary: GaugeSummary): number {
  checkSummary('summary', summary)
  return Math.min(summary.maxValue, Math.max(summary.minValue, summary.sumValue / summary.count))
}

function checkSummary(argument: string, s: GaugeSummary): void {
  finite(`${argument}.minValue`, s.minValue)
  finite(`${argument}.maxValue`, s.maxValue)
  finite(`${argument}.sumValue`, s.sumValue)
  if (!Number.isInteger(nonNegative(`${argument}.count`, s.count)) || s.count < 1) throw new MetricsInputError(`${argument}.count`, 'must be a whole number of readings, at least 1', s.count)
  if (!Number.isInteger(nonNegative(`${argument}.outOfRange`, s.outOfRange)) || s.outOfRange > s.count) {
    throw new MetricsInputError(`${argument}.outOfRange`, 'must be a whole number, at most count', s.outOfRange)
  }
  if (s.minValue > s.maxValue) throw new MetricsInputError(`${argument}.minValue`, 'must not exceed maxValue', s.minValue)
}
