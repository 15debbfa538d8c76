/**
 * What a correct pipeline must add up for one cumulative series (DESIGN.md, "Counters and
 * meters"): readings in event-time order, duplicates of a ts counted once, each positive step
 * added, and a drop treated as a reset whose new reading is the delta. The first reading is the
 * baseline and contributes nothing.
 */
export function sumOfIncrements(readings: readonly (readonly [tsMs: number, total: number])[]): number {
  const sorted = [...readings].sort((a, b) => a[0] - b[0])
  let sum = 0
  let previous: number | undefined
  let previousTs: number | undefined
  for (const [ts, total] of sorted) {
    if (ts === previousTs) continue
    if (previous !== undefined) sum += total >= previous ? total - previous : total
    previous = total
    previousTs = ts
  }
  return sum
}
