import { calendarRange, epochMs, nonNegative } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { MetricsConfigError } from '../config-error.ts'
import type { Interval } from '../time/interval.ts'
import { minutesOf } from '../time/shift-calendar.ts'
import { localParts, offsetMs } from '../time/zoned-time.ts'

/** Time-of-use bands (packages/contract registry.ts TARIFF_BANDS; NDRC 2021 rule [S27]). */
export const TARIFF_BANDS = ['tip', 'peak', 'flat', 'valley', 'deep_valley'] as const
export type TariffBand = (typeof TARIFF_BANDS)[number]

/** Structurally the registry's Tariff, with defaults optional. */
export interface TariffInput {
  name?: string
  currency?: string
  pricePerKwh: Partial<Record<TariffBand, number>>
  /** Local [from, to) ranges; `to` 00:00 is midnight; a range may wrap past midnight (23:00-07:00). */
  periods: readonly { from: string; to: string; band: TariffBand }[]
  /** Months (1-12) in which `tip` applies; outside them tip hours bill as peak. */
  tipMonths?: readonly number[]
}

export interface BandSegment extends Interval {
  band: TariffBand
}

const DAY_MIN = 1440
const tables = new WeakMap<TariffInput, TariffBand[]>()

/** The band of every minute of the local day; a calendar that leaves a minute uncovered is refused. */
export function bandTable(tariff: TariffInput): TariffBand[] {
  const cached = tables.get(tariff)
  if (cached) return cached
  checkTariff(tariff)
  const table: (TariffBand | undefined)[] = new Array(DAY_MIN).fill(undefined)
  for (const p of tariff.periods) {
    const from = minutesOf(p.from, 'tariff.periods[].from')
    const to = minutesOf(p.to, 'tariff.periods[].to') === 0 ? DAY_MIN : minutesOf(p.to)
    const length = (to - from + DAY_MIN) % DAY_MIN || DAY_MIN
    for (let i = 0; i < length; i++) table[(from + i) % DAY_MIN] = p.band
  }
  const gap = table.findIndex((b) => b === undefined)
  if (gap >= 0) throw new MetricsConfigError(`tariff ${tariff.name ?? ''} leaves ${String(Math.floor(gap / 60)).padStart(2, '0')}:${String(gap % 60).padStart(2, '0')} without a band`)
  tables.set(tariff, table as TariffBand[])
  return table as TariffBand[]
}

/** The band in force at `tsMs`, by the local clock and month. */
export function bandAt(tsMs: number, tariff: TariffInput, timeZone: string): TariffBand {
  epochMs('tsMs', tsMs)
  const p = localParts(tsMs, timeZone)
  return effective(bandTable(tariff)[p.hour * 60 + p.minute] as TariffBand, p.month, tariff)
}

/**
 * Cuts [startMs, endMs) at every band boundary of the local clock. Each step assumes the UTC
 * offset stays put and is cut short where it changes, so DST days split at the real instants.
 */
export function bandSegments(range: Interval, tariff: TariffInput, timeZone: string): BandSegment[] {
  calendarRange('range', range)
  const table = bandTable(tariff)
  const segments: BandSegment[] = []
  let t = range.startMs
  while (t < range.endMs) {
    const p = localParts(t, timeZone)
    const msOfDay = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.millisecond
    const minute = p.hour * 60 + p.minute
    const band = effective(table[minute] as TariffBand, p.month, tariff)
    let next = minute + 1
    while (next < DAY_MIN && effective(table[next] as TariffBand, p.month, tariff) === band) next++
    let endMs = Math.min(t + next * 60_000 - msOfDay, range.endMs)
    const offset = offsetMs(t, timeZone)
    if (offsetMs(endMs - 1, timeZone) !== offset) endMs = firstInstantWithNewOffset(t, endMs - 1, offset, timeZone)
    const prev = segments.at(-1)
    if (prev && prev.band === band && prev.endMs === t) prev.endMs = endMs
    else segments.push({ startMs: t, endMs, band })
    t = endMs
  }
  return segments
}

/** Periods with known bands and prices that are finite and not negative. */
function checkTariff(tariff: TariffInput): void {
  if (!tariff || !Array.isArray(tariff.periods)) throw new MetricsInputError('tariff.periods', 'must list the periods of the day', tariff)
  tariff.periods.forEach((p, i) => {
    if (!BANDS.has(p.band)) throw new MetricsInputError(`tariff.periods[${i}].band`, `must be one of ${TARIFF_BANDS.join(', ')}`, p.band)
  })
  for (const [band, price] of Object.entries(tariff.pricePerKwh ?? {})) {
    if (!BANDS.has(band)) throw new MetricsInputError(`tariff.pricePerKwh.${band}`, `is not a band (${TARIFF_BANDS.join(', ')})`, price)
    if (price !== undefined) nonNegative(`tariff.pricePerKwh.${band}`, price)
  }
}

const BANDS = new Set<unknown>(TARIFF_BANDS)

function effective(band: TariffBand, month: number, tariff: TariffInput): TariffBand {
  return band === 'tip' && !(tariff.tipMonths ?? []).includes(month) ? 'peak' : band
}

/** Binary search for the first instant in (lo, hi] whose offset differs from `offset`. */
function firstInstantWithNewOffset(lo: number, hi: number, offset: number, timeZone: string): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    // Fractional instants: (lo, hi) may hold no whole millisecond; 1 ms is precision enough.
    if (mid <= lo) break
    if (offsetMs(mid, timeZone) === offset) lo = mid
    else hi = mid
  }
  return hi
}
