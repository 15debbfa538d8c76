/**
 * Local time in a plant's IANA time zone without a date library: Intl gives the wall-clock
 * fields of an instant, from which the zone offset follows. Pure: no clock, same input same output.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

const offsetCache = new Map<string, number>()
let last = { timeZone: '', bucket: Number.NaN, offsetMs: 0 }
/** Offsets change at most on quarter hours (DST rules); one Intl call per zone and quarter hour. */
const OFFSET_BUCKET_MS = 15 * 60_000

/** The zone's offset from UTC at `ms`, in milliseconds (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / OFFSET_BUCKET_MS)
  if (timeZone === last.timeZone && bucket === last.bucket) return last.offsetMs
  const key = `${timeZone}:${bucket}`
  let offset = offsetCache.get(key)
  if (offset === undefined) {
    if (offsetCache.size > 100_000) offsetCache.clear()
    offset = computeOffsetMs(Math.floor(ms / OFFSET_BUCKET_MS) * OFFSET_BUCKET_MS, timeZone)
    offsetCache.set(key, offset)
  }
  last = { timeZone, bucket, offsetMs: offset }
  return offset
}

function computeOffsetMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** Local calendar day of `ms` as UTC-midnight epoch ms of that date (a day key), and its ISO weekday. */
export function localDay(ms: number, timeZone: string): { dayMs: number; isoWeekday: number } {
  const local = ms + zoneOffsetMs(ms, timeZone)
  const dayMs = Math.floor(local / 86_400_000) * 86_400_000
  const weekday = new Date(dayMs).getUTCDay()
  return { dayMs, isoWeekday: weekday === 0 ? 7 : weekday }
}

/** The instant at which the local wall clock of day `dayMs` shows `minuteOfDay` (may exceed 1440). */
export function localToInstantMs(dayMs: number, minuteOfDay: number, timeZone: string): number {
  const wall = dayMs + minuteOfDay * 60_000
  // Two passes settle the offset across a DST change; zones without DST need one.
  const first = wall - zoneOffsetMs(wall, timeZone)
  return wall - zoneOffsetMs(first, timeZone)
}

/** RFC 3339 with the zone's numeric offset and milliseconds, e.g. 2026-03-02T08:00:00.000+08:00. */
export function formatRfc3339(ms: number, timeZone: string): string {
  const offsetMs = zoneOffsetMs(ms, timeZone)
  return `${new Date(ms + offsetMs).toISOString().slice(0, 23)}${offsetSuffix(offsetMs)}`
}

function offsetSuffix(offsetMs: number): string {
  if (offsetMs === 0) return 'Z'
  const abs = Math.abs(offsetMs) / 60_000
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${offsetMs > 0 ? '+' : '-'}${hh}:${mm}`
}
