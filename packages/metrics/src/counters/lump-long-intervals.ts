import { nonNegative } from '../input/check-number.ts'
import { checkAmounts, type AmountInterval } from './apportion.ts'

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
