import type { Tariff } from '@millstream/contract'
import { tariffSplit, type AmountInterval, type Interval, type TariffSplit } from '@millstream/metrics'
import type { StoreRow } from '@millstream/store'

/**
 * Peak/flat/valley kWh and cost of each report window from hourly incomer electricity: each hour's
 * kWh is spread evenly over the hour and cut at the tariff's band boundaries by
 * @millstream/metrics tariffSplit (a band edge inside an hour is apportioned by time).
 */
export function tariffRows(hours: readonly StoreRow<Partial<Record<string, number>>>[], windows: readonly Interval[], tariff: Tariff, timeZone: string): StoreRow<TariffSplit & { kwh: number }>[] {
  const intervals: AmountInterval[] = hours.flatMap((h) => (h.values.electricity === undefined ? [] : [{ ...h.window, delta: h.values.electricity }]))
  return windows.map((window) => {
    const inside = intervals.filter((i) => i.startMs >= window.startMs && i.endMs <= window.endMs)
    const split = tariffSplit(inside, tariff, timeZone)
    return { group: {}, window, values: { kwh: Object.values(split.kwhByBand).reduce((a, b) => a + b, 0), ...split } }
  })
}
