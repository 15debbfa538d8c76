import type { ReportKind } from '@millstream/contract'

export interface Period {
  id: string
  from: string
  to: string
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const DAY_MS = 86_400_000

/** The local date of an instant in a time zone (YYYY-MM-DD). */
export const localDateOf = (ms: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms))

/** The month (YYYY-MM) as a period: its first and last local day. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return { id: month, from: `${month}-01`, to: day(Date.UTC(y, m, 0)) }
}

/**
 * Periods of a kind between two local dates, inclusive: every day (daily summary), or every month
 * that has a day in the range (monthly kinds: a month is always reported whole).
 */
export function periodsBetween(kind: ReportKind, from: string, to: string): Period[] {
  const start = Date.parse(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  if (!(end >= start)) throw new RangeError(`--to ${to} is before --from ${from}`)
  const out: Period[] = []
  for (let d = start; d <= end; d += DAY_MS) {
    const date = day(d)
    if (kind === 'daily-summary') out.push({ id: date, from: date, to: date })
    else if (out.at(-1)?.id !== date.slice(0, 7)) out.push(monthPeriod(date.slice(0, 7)))
  }
  return out
}

/**
 * The periods that have closed by `nowMs` in the plant's zone, looking back `lookBackMs`: days that
 * ended (local midnight) and months whose last day ended. The settle delay is the schedule's.
 */
export function closedPeriods(kind: ReportKind, nowMs: number, lookBackMs: number, timeZone: string): Period[] {
  const yesterday = day(Date.parse(`${localDateOf(nowMs, timeZone)}T00:00:00Z`) - DAY_MS)
  const first = localDateOf(nowMs - lookBackMs, timeZone)
  if (first > yesterday) return []
  const all = periodsBetween(kind, first, yesterday)
  return kind === 'daily-summary' ? all : all.filter((p) => p.to <= yesterday)
}
