const MS_PER_UNIT = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/

/**
 * "500ms", "30s", "1.5s", "5m", "1h" or a plain number of milliseconds, to whole milliseconds.
 * Returns undefined for anything else (negative, other units, garbage).
 */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (match === null) return undefined
  const unit = (match[2] ?? 'ms') as keyof typeof MS_PER_UNIT
  const durationMs = Math.round(Number(match[1]) * MS_PER_UNIT[unit])
  return Number.isSafeInteger(durationMs) ? durationMs : undefined
}
