/** A point of a time series chart: [time in ms, value]; null breaks the line there. */
export type TimePoint = [number, number | null]

/**
 * Buckets of a time series (from, to, value) as chart points, with the line broken where more
 * than `maxMissing` whole buckets have no data: a chart must not draw a line through hours in
 * which nothing was measured (a sensor or gateway that was off). Fewer missing buckets stay
 * joined, so a gauge that reports less often than the bucket width still draws a line.
 */
export function pointsWithGaps(buckets: { fromMs: number; toMs: number; value: number }[], maxMissing = 2): TimePoint[] {
  const sorted = [...buckets].sort((a, b) => a.fromMs - b.fromMs)
  const out: TimePoint[] = []
  let previous: (typeof sorted)[number] | undefined
  for (const b of sorted) {
    if (previous) {
      const width = previous.toMs - previous.fromMs
      if (width > 0 && b.fromMs - previous.toMs > maxMissing * width) out.push([previous.toMs, null])
    }
    out.push([b.fromMs, b.value])
    previous = b
  }
  return out
}
