import type { AmountInterval } from '../counters/apportion.ts'
import type { Interval } from '../time/interval.ts'
import { planSegments } from '../time/plan-segments.ts'
import type { ShiftCalendarInput } from '../time/shift-calendar.ts'
import type { TariffInput } from './tariff-bands.ts'
import { bandDurationsMs, tariffSplit } from './tariff-split.ts'

export interface LoadShiftInput {
  peakKwh: number
  totalKwh: number
  peakPotMs: number
  potMs: number
}

/**
 * The inputs of energy score E4 (domain.md §5.2): electricity in tip and peak bands against all
 * of it, and planned operating time (the shift calendar's shifts, breaks excluded) in tip and peak
 * bands against all of it. Tip outside the tariff's tip months bills as peak, so both count.
 * Each reading's kWh is spread evenly over its interval before it is cut at band boundaries.
 */
export function loadShiftInput(o: { readings: readonly AmountInterval[]; tariff: TariffInput; timeZone: string; range: Interval; calendar: ShiftCalendarInput }): LoadShiftInput {
  const split = tariffSplit(o.readings, o.tariff, o.timeZone)
  const pot = planSegments(o.range, o.calendar, o.timeZone).filter((s) => s.kind === 'shift')
  const durations = bandDurationsMs(pot, o.tariff, o.timeZone)
  const totalKwh = Object.values(split.kwhByBand).reduce((a, b) => a + b, 0)
  return {
    peakKwh: Math.min(totalKwh, split.kwhByBand.tip + split.kwhByBand.peak),
    totalKwh,
    peakPotMs: durations.tip + durations.peak,
    potMs: Object.values(durations).reduce((a, b) => a + b, 0),
  }
}
