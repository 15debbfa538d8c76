import { checkAmounts } from '../counters/apportion.ts'
import { finiteDeep } from '../input/check-number.ts'
import type { AmountInterval } from '../counters/apportion.ts'
import { bandSegments, bandTable, TARIFF_BANDS, type TariffBand, type TariffInput } from './tariff-bands.ts'

export interface TariffSplit {
  kwhByBand: Record<TariffBand, number>
  /** Cost per band where a price is configured. */
  costByBand: Partial<Record<TariffBand, number>>
  /** Total cost; null when energy fell in a band without a price. */
  totalCost: number | null
  unpricedBands: TariffBand[]
  currency: string
}

/**
 * Peak/flat/valley split of electricity [S27]: each meter interval's kWh is spread evenly over its
 * time (the counters' apportioning rule) and cut at the tariff's local band boundaries; cost is
 * Σ kWh_band × price_band.
 */
export function tariffSplit(intervals: readonly AmountInterval[], tariff: TariffInput, timeZone: string): TariffSplit {
  checkAmounts(intervals)
  bandTable(tariff)
  const kwhByBand = Object.fromEntries(TARIFF_BANDS.map((b) => [b, 0])) as Record<TariffBand, number>
  for (const interval of intervals) {
    const lengthMs = interval.endMs - interval.startMs
    if (interval.delta === 0) continue
    if (lengthMs <= 0) {
      kwhByBand[bandSegments({ startMs: interval.endMs - 1, endMs: interval.endMs }, tariff, timeZone)[0]!.band] += interval.delta
      continue
    }
    for (const s of bandSegments(interval, tariff, timeZone)) kwhByBand[s.band] += (interval.delta * (s.endMs - s.startMs)) / lengthMs
  }
  const costByBand: Partial<Record<TariffBand, number>> = {}
  const unpricedBands: TariffBand[] = []
  for (const band of TARIFF_BANDS) {
    const price = tariff.pricePerKwh[band]
    if (price !== undefined) costByBand[band] = kwhByBand[band] * price
    else if (kwhByBand[band] > 0) unpricedBands.push(band)
  }
  const totalCost = unpricedBands.length > 0 ? null : Object.values(costByBand).reduce((a, b) => a + b, 0)
  return finiteDeep('intervals', { kwhByBand, costByBand, totalCost, unpricedBands, currency: tariff.currency ?? 'CNY' })
}

/** Milliseconds of `range` in each band: the time side of score E4's load-shift ratio. */
export function bandDurationsMs(ranges: readonly { startMs: number; endMs: number }[], tariff: TariffInput, timeZone: string): Record<TariffBand, number> {
  const result = Object.fromEntries(TARIFF_BANDS.map((b) => [b, 0])) as Record<TariffBand, number>
  for (const range of ranges) for (const s of bandSegments(range, tariff, timeZone)) result[s.band] += s.endMs - s.startMs
  return result
}
