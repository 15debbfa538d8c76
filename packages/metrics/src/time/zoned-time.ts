import { epochMs, finite, MAX_EPOCH_MS, MIN_EPOCH_MS } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'

/**
 * Wall-clock arithmetic in an IANA time zone through Intl.DateTimeFormat: pure, DST-safe, no
 * dependency. Everything else in the package reasons in epoch milliseconds and asks this file
 * what the local clock says.
 */

/** Local calendar fields of an instant. `weekday` is ISO (1 = Monday .. 7 = Sunday). */
export interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  weekday: number
}

/** Local wall time to convert; fields beyond their range roll over (minute 1500 = next day 01:00). */
export interface WallTime {
  year: number
  month: number
  day: number
  hour?: number
  minute?: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = newFormatter(timeZone)
    formatters.set(timeZone, f)
  }
  return f
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    })
  } catch (err) {
    throw new MetricsInputError('timeZone', 'is not an IANA time zone name', timeZone, { cause: err })
  }
}

/** The local calendar fields of `tsMs` in `timeZone`. */
export function localParts(tsMs: number, timeZone: string): LocalParts {
  epochMs('tsMs', tsMs)
  // Intl formats a fractional instant truncated toward 1970, which for -0.5 ms is the next second
  // up; format the whole millisecond below it and carry the fraction, so every field agrees.
  const wholeMs = Math.floor(tsMs)
  const fields: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(wholeMs)) fields[part.type] = part.value
  const yearOfEra = Number(fields.year)
  return {
    year: fields.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: (((wholeMs % 1000) + 1000) % 1000) + (tsMs - wholeMs),
    weekday: WEEKDAYS[fields.weekday ?? ''] ?? Number.NaN,
  }
}

/** UTC offset in ms (local minus UTC) in force at `tsMs`, e.g. +28 800 000 for Asia/Shanghai. */
export function offsetMs(tsMs: number, timeZone: string): number {
  const p = localParts(tsMs, timeZone)
  return wallAsUtcMs({ ...p }) + p.second * 1000 + p.millisecond - tsMs
}

/** Wall time read as if it were UTC: the common scale on which local fields compare. */
export function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0)
}

/**
 * The instant at which the local clock shows `wall`. Like Temporal's "compatible" disambiguation:
 * a time repeated when clocks go back is its first occurrence; a time skipped when clocks go
 * forward maps to the instant the skipped span would have reached with the old offset, which for
 * the start of a gap is the transition itself, so a day that "starts" at a skipped 00:00 starts
 * when its first real minute does. Assumes offset changes are more than a day apart.
 */
export function zonedTimeToUtc(wall: WallTime, timeZone: string): number {
  for (const field of ['year', 'month', 'day', 'hour', 'minute'] as const) if (field in wall && wall[field] !== undefined) finite(`wall.${field}`, wall[field])
  const asUtc = wallAsUtcMs(wall)
  const DAY_MS = 86_400_000
  if (!(asUtc >= MIN_EPOCH_MS + DAY_MS && asUtc <= MAX_EPOCH_MS - DAY_MS)) throw new MetricsInputError('wall', 'must be a local time between the years 1900 and 9999', wall)
  const before = asUtc - offsetMs(asUtc - DAY_MS, timeZone)
  const after = asUtc - offsetMs(asUtc + DAY_MS, timeZone)
  const valid = [before, after].filter((t) => t + offsetMs(t, timeZone) === asUtc)
  if (valid.length > 0) return Math.min(...valid)
  return before
}

/** The local calendar date of an instant as YYYY-MM-DD (the label of days and shifts). */
export function localDateLabel(tsMs: number, timeZone: string): string {
  const p = localParts(tsMs, timeZone)
  return dateLabel(p.year, p.month, p.day)
}

export function dateLabel(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Adds whole days to a local calendar date (no time zone involved: dates are labels). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: ((d.getUTCDay() + 6) % 7) + 1 }
}

/** Offset changes fall on quarter hours in every zone since standard time; a bucket is cached only when its ends agree. */
const BUCKET_MS = 15 * 60_000
const steadyOffsets = new Map<string, number>()

/** offsetMs, memoised per zone and quarter hour where the offset holds for the whole quarter (the simulator formats every message). */
function bucketOffsetMs(tsMs: number, timeZone: string): number {
  const bucket = Math.floor(tsMs / BUCKET_MS)
  const key = `${timeZone}|${bucket}`
  const cached = steadyOffsets.get(key)
  if (cached !== undefined) return cached
  const atStart = offsetMs(bucket * BUCKET_MS, timeZone)
  if (atStart !== offsetMs((bucket + 1) * BUCKET_MS - 1, timeZone)) return offsetMs(tsMs, timeZone)
  if (steadyOffsets.size >= 10_000) steadyOffsets.clear()
  steadyOffsets.set(key, atStart)
  return atStart
}

/** RFC 3339 with the zone's offset in force and milliseconds: 2026-03-02T08:00:00.000+08:00 (`Z` for UTC). */
export function formatRfc3339(tsMs: number, timeZone: string): string {
  epochMs('tsMs', tsMs)
  const offset = bucketOffsetMs(tsMs, timeZone)
  const abs = Math.abs(offset) / 60_000
  const suffix = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${new Date(tsMs + offset).toISOString().slice(0, 23)}${suffix}`
}
