/**
 * Numbers and times as shown on screen. Pure functions of their arguments (locale and time zone
 * come in), so the browser tests can format the API's JSON the same way and compare.
 */
const numberFormats = new Map<string, Intl.NumberFormat>()

export function formatNumber(locale: string, value: number, digits = 1): string {
  const key = `${locale}|${digits}`
  let f = numberFormats.get(key)
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return f.format(value)
}

/** A ratio 0..1 as a percentage with one decimal; null (not computable) as an em dash. */
export function formatPercent(locale: string, ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${formatNumber(locale, ratio * 100, 1)} %`
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

/** A YYYY-MM-DD date moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Clock time of an instant in the plant's time zone. */
export function formatTime(locale: string, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms)
}

/** Splits a duration for the duration.* messages: hours and minutes, minutes and seconds, or seconds. */
export function durationParts(durationMs: number): { key: 'hm' | 'ms' | 's'; h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(durationMs / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return { key: h > 0 ? 'hm' : m > 0 ? 'ms' : 's', h, m, s }
}

/** Every local date from `from` to `to` inclusive: chart axes show days without data as gaps, not skip them. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d)
  return out
}
