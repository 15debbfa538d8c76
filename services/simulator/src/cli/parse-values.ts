/** Value parsers for flags and env: each returns the value or throws a CliError naming the flag. */
export class CliError extends Error {
  override name = 'CliError'
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export function parseNumber(flag: string, text: string, { min = -Infinity, max = Infinity, integer = false } = {}): number {
  const value = Number(text)
  const ok = text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value))
  if (!ok) {
    const range = `${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` and <= ${max}` : ''}`
    throw new CliError(`--${flag}: expected ${range}, got "${text}"`)
  }
  return value
}

/** "90s", "30m", "6h", "2d", "500ms", or plain seconds. */
export function parseDurationMs(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim())
  if (!match) throw new CliError(`--${flag}: expected a duration such as 90s, 30m, 6h or 2d, got "${text}"`)
  const ms = Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS])
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
  // The same words as the runtime's boolFromEnv (docs/operations.md, "Value formats").
  if (/^(1|true|yes|on|y|enabled)$/i.test(text)) return true
  if (/^(0|false|no|off|n|disabled)$/i.test(text)) return false
  throw new CliError(`--${flag}: expected true or false, got "${text}"`)
}
