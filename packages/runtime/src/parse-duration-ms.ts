const MS_PER_UNIT = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/

/**
 * The one meaning of a duration in MillStream, for environment variables and command-line flags
 * alike (docs/operations.md, "Value formats"): "500ms", "30s", "1.5s", "5m", "1h", "7d", or a
 * plain number of milliseconds (so `SHUTDOWN_TIMEOUT_MS=20000` reads as it says). To whole
 * milliseconds; undefined for anything else (negative, other units, garbage).
 */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (match === null) return undefined
  const unit = (match[2] ?? 'ms') as keyof typeof MS_PER_UNIT
  const durationMs = Math.round(Number(match[1]) * MS_PER_UNIT[unit])
  return Number.isSafeInteger(durationMs) ? durationMs : undefined
}
