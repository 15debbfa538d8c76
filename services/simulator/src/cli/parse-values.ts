import { boolFromEnv, durationMsFromEnv } from '@millstream/runtime'
import type { z } from 'zod'

/**
 * Value parsers for flags and env: each returns the value or throws a CliError naming the flag.
 * Durations and booleans are the runtime's (docs/operations.md, "Value formats"), so a flag
 * means what the same text means in any service's environment.
 */
export class CliError extends Error {
  override name = 'CliError'
}

function withRuntime<T>(flag: string, schema: z.ZodType<T>, text: string): T {
  const parsed = schema.safeParse(text)
  if (parsed.success) return parsed.data
  throw new CliError(`--${flag}: ${parsed.error.issues[0]?.message ?? 'invalid'}, got "${text}"`)
}

export function parseNumber(flag: string, text: string, { min = -Infinity, max = Infinity, integer = false } = {}): number {
  const value = Number(text)
  const ok = text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
  if (!ok) {
    const range = `${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` and <= ${max}` : ''}`
    throw new CliError(`--${flag}: expected ${range}, got "${text}"`)
  }
  return value
}

/** "90s", "30m", "6h", "2d", "500ms", or a plain number of milliseconds; positive. */
export function parseDurationMs(flag: string, text: string): number {
  const ms = withRuntime(flag, durationMsFromEnv(), text)
  if (ms <= 0) throw new CliError(`--${flag}: the duration must be positive, got "${text}"`)
  return ms
}

/** RFC 3339 with an offset, epoch milliseconds, or "now". */
export function parseInstantMs(flag: string, text: string, nowMs: number): number {
  const t = text.trim()
  if (t === 'now') return nowMs
  if (/^\d+$/.test(t)) return Number(t)
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(t) && Number.isFinite(Date.parse(t))) return Date.parse(t)
  throw new CliError(`--${flag}: expected RFC 3339 with an offset (2026-03-02T08:00:00+08:00), epoch ms, or "now", got "${text}"`)
}

export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T
  throw new CliError(`--${flag}: expected one of ${choices.join(', ')}, got "${text}"`)
}

export function parseBoolean(flag: string, text: string): boolean {
  return withRuntime(flag, boolFromEnv(), text)
}
