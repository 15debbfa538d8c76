import { MetricsInputError } from './input-error.ts'

/**
 * The guards every public function of the package runs on its numeric arguments (issue 9 §3).
 * Each throws MetricsInputError naming the argument; each returns the value so a guard reads as
 * an assignment. `-0` is accepted as 0 everywhere.
 */

/** Any finite number (NaN, ±Infinity and non-numbers refused). */
export function finite(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MetricsInputError(argument, 'must be a finite number', value)
  return value
}

/** A quantity, duration, count or energy: finite and not below 0. */
export function nonNegative(argument: string, value: unknown): number {
  if (finite(argument, value) < 0) throw new MetricsInputError(argument, 'must not be negative', value)
  return value as number
}

/** A rate, speed, count or divisor that must be above 0 (an ideal rate of 0 makes PRU infinite). */
export function positive(argument: string, value: unknown): number {
  if (!(finite(argument, value) > 0)) throw new MetricsInputError(argument, 'must be above 0', value)
  return value as number
}

/** A share of a whole: 0 to 1. */
export function share(argument: string, value: unknown): number {
  const v = nonNegative(argument, value)
  if (v > 1) throw new MetricsInputError(argument, 'is a share and cannot exceed 1', value)
  return v
}

/** An optional value: null and undefined pass, anything else must pass `check`. */
export function optional(check: (argument: string, value: unknown) => number, argument: string, value: unknown): void {
  if (value !== null && value !== undefined) check(argument, value)
}

/**
 * Instants the domain accepts: years 1900 to 9999 UTC. Date and Intl reach ±8.64e15 ms, but a day,
 * week or month window (and a shift that began the day before) must stay representable too, and
 * Date.UTC reads years below 100 as 19xx.
 */
export const MIN_EPOCH_MS = -2_208_988_800_000
export const MAX_EPOCH_MS = 253_402_300_799_999
/**
 * Longest range a function that walks the calendar (shifts, tariff bands, windows) accepts: 400
 * days, a year with its edges. Longer spans are read from day or month rollups, and a walk over
 * decades would hold a caller for seconds of Intl calls.
 */
export const MAX_CALENDAR_SPAN_DAYS = 400
export const MAX_CALENDAR_SPAN_MS = MAX_CALENDAR_SPAN_DAYS * 86_400_000

/**
 * Predicates with the guards' answers, for loops over many values: they name the failing argument
 * (a string built per element) only when a value fails, so valid input allocates nothing.
 */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** What `nonNegative` accepts (NaN fails every comparison, Infinity the upper one). */
export function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY
}

/** What `epochMs` accepts. */
export function isEpochMs(value: unknown): value is number {
  return typeof value === 'number' && value >= MIN_EPOCH_MS && value <= MAX_EPOCH_MS
}

/** What `interval` accepts. */
export function isInterval(value: { startMs: number; endMs: number } | null | undefined): boolean {
  return value !== null && typeof value === 'object' && isEpochMs(value.startMs) && isEpochMs(value.endMs) && value.endMs >= value.startMs
}

/** An instant in epoch milliseconds. */
export function epochMs(argument: string, value: unknown): number {
  const v = finite(argument, value)
  if (v < MIN_EPOCH_MS || v > MAX_EPOCH_MS) throw new MetricsInputError(argument, 'must be an instant between the years 1900 and 9999', value)
  return v
}

/** A half-open interval of instants; an end before the start is refused. */
export function interval(argument: string, value: { startMs: number; endMs: number } | null | undefined): void {
  if (isInterval(value)) return
  if (value === null || typeof value !== 'object') throw new MetricsInputError(argument, 'must be an interval { startMs, endMs }', value)
  const start = epochMs(`${argument}.startMs`, value.startMs)
  if (epochMs(`${argument}.endMs`, value.endMs) < start) throw new MetricsInputError(`${argument}.endMs`, 'must not be before startMs', value.endMs)
}

/** Windows: each a valid interval (the argument named only for one that is not). */
export function checkWindows(windows: readonly { startMs: number; endMs: number }[]): void {
  windows.forEach((w, i) => {
    if (!isInterval(w)) interval(`windows[${i}]`, w)
  })
}

/** An interval a calendar walk can cover in reasonable time (MAX_CALENDAR_SPAN_MS). */
export function calendarRange(argument: string, value: { startMs: number; endMs: number }): void {
  interval(argument, value)
  if (value.endMs - value.startMs > MAX_CALENDAR_SPAN_MS) throw new MetricsInputError(argument, `spans more than ${MAX_CALENDAR_SPAN_DAYS} days`, value)
}

/** numerator ≤ denominator, for parts of a whole (connected ≤ registered machines). */
export function partOf(argument: string, numerator: number, denominator: number): void {
  if (numerator > denominator) throw new MetricsInputError(argument, `is a part of ${denominator} and cannot exceed it`, numerator)
}

/**
 * The result of a computation on accepted inputs, checked for overflow: finite inputs that are
 * huge (1e308 kWh) can still multiply to Infinity or subtract to NaN. Blames `argument`.
 */
export function finiteResult<T extends number | null>(argument: string, value: T): T {
  if (value !== null && !Number.isFinite(value)) throw new MetricsInputError(argument, 'is too large: the result overflows', value)
  return value
}

/** Every number inside a result (objects, arrays, maps of records) checked as finiteResult. */
export function finiteDeep<T>(argument: string, value: T): T {
  walk(argument, value)
  return value
}

function walk(argument: string, value: unknown): void {
  if (typeof value === 'number') {
    finiteResult(argument, value)
  } else if (Array.isArray(value)) {
    for (const v of value) walk(argument, v)
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) walk(argument, v)
  }
}
