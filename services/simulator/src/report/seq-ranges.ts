/** Compresses integers into sorted inclusive [first, last] ranges: [0,1,2,5,6] -> [[0,2],[5,6]]. */
export function toRanges(values: Iterable<number>): [number, number][] {
  const sorted = [...new Set(values)].sort((a, b) => a - b)
  const ranges: [number, number][] = []
  for (const v of sorted) {
    const last = ranges.at(-1)
    if (last && v === last[1] + 1) last[1] = v
    else ranges.push([v, v])
  }
  return ranges
}

/** How many integers the ranges cover. */
export function rangeCount(ranges: readonly [number, number][]): number {
  return ranges.reduce((n, [a, b]) => n + b - a + 1, 0)
}
