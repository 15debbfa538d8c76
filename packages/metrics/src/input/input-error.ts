/**
 * An argument the domain cannot compute with (issue 9 §3): NaN, ±Infinity, a negative quantity or
 * duration, a non-positive ideal rate, a share above 1, or inputs so large that the result would
 * overflow. `argument` names the offending argument as the caller wrote it (e.g.
 * `production.idealRatePerMin`, `intervals[3].delta`); `reason` says which rule it broke. It is a
 * bug or bad data in the caller, never a transient fault: retrying won't help.
 */
export class MetricsInputError extends Error {
  readonly code = 'METRICS_INPUT_INVALID'
  readonly retriable = false
  readonly argument: string
  readonly reason: string
  readonly value: unknown
  constructor(argument: string, reason: string, value?: unknown, options?: { cause?: unknown }) {
    super(`${argument}: ${reason} (got ${describe(value)})`, options)
    this.name = 'MetricsInputError'
    this.argument = argument
    this.reason = reason
    this.value = value
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value)
  } catch {
    return String(value)
  }
}
