import { nonNegative } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { apportionDeltas, checkAmounts, type AmountInterval } from './apportion.ts'

/**
 * apportionDeltas' `maxSpreadMs` rule made explicit, for code that spreads intervals itself (the
 * idle-energy split): a delta over a gap longer than `maxSpreadMs` is not spread but goes whole
 * to the window the later reading closes, (start, end]. It becomes a 1 ms interval ending at that
 * reading, which every spreading rule places in that window. (Not a zero-length interval:
 * apportionDeltas puts an instant in [start, end), the window after the one the reading closes.)
 */
export function lumpLongIntervals<T extends AmountInterval>(intervals: readonly T[], maxSpreadMs: number): AmountInterval[] {
  checkAmounts(intervals)
  nonNegative('maxSpreadMs', maxSpreadMs)
  return intervals.map((i) => (i.endMs - i.startMs > maxSpreadMs ? { startMs: i.endMs - 1, endMs: i.endMs, delta: i.delta } : i))
}

/**
 * The part of each window's delta that was not spread but lumped (apportionDeltas with
 * `maxSpreadMs`): deltas over gaps longer than `maxSpreadMs`, each whole in the window its later
 * reading closes. Output revealed after such a gap has no known run time (issue 16: a loom silent
 * for hours credited with hours of picks in one minute), so performance leaves it out.
 */
export function lumpedDeltas(intervals: readonly AmountInterval[], windows: readonly Interval[], maxSpreadMs: number): number[] {
  checkAmounts(intervals)
  nonNegative('maxSpreadMs', maxSpreadMs)
  return apportionDeltas(intervals.filter((i) => i.endMs - i.startMs > maxSpreadMs), windows, { maxSpreadMs })
}
