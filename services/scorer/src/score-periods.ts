import type { ScorePeriod } from '@millstream/contract'
import { localWindowStart, type Interval } from '@millstream/metrics'

const HOUR_MS = 3_600_000

/**
 * The period of a job that ends at local boundary `endMs`: the rolling 24 h before an hour, the
 * local day, or the local month (23/25-hour days and month lengths from the plant's zone).
 */
export function periodEndingAt(period: ScorePeriod, endMs: number, timeZone: string): Interval {
  if (period === 'rolling_24h') return { startMs: endMs - 24 * HOUR_MS, endMs }
  return { startMs: localWindowStart(endMs - 1, period === 'day' ? 'day' : 'month', timeZone), endMs }
}

/** The local boundaries (hour, day or month ends) in (afterMs, uptoMs], oldest first. */
export function boundariesBetween(period: ScorePeriod, afterMs: number, uptoMs: number, timeZone: string): number[] {
  const unit = period === 'rolling_24h' ? 'hour' : period === 'day' ? 'day' : 'month'
  const out: number[] = []
  let b = localWindowStart(uptoMs, unit, timeZone)
  while (b > afterMs) {
    out.push(b)
    b = localWindowStart(b - 1, unit, timeZone)
  }
  return out.reverse()
}

/**
 * Periods due at `nowMs` that were not scored yet: every period that ended at least `settleMs`
 * ago and after the last scored period end (catch-up after downtime, each once), at most
 * `maxCatchUp` of them (the newest) so a long outage does not start years of work.
 */
export function duePeriods(o: { period: ScorePeriod; timeZone: string; nowMs: number; settleMs: number; lastEndMs: number | null; firstEndMs: number; maxCatchUp: number }): Interval[] {
  const after = o.lastEndMs ?? o.firstEndMs - 1
  const ends = boundariesBetween(o.period, after, o.nowMs - o.settleMs, o.timeZone)
  return ends.slice(-o.maxCatchUp).map((end) => periodEndingAt(o.period, end, o.timeZone))
}
