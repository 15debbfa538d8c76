/** Nearest-rank percentiles of a sample (sorted copy), e.g. percentiles(xs, [50, 99]). */
export function percentiles(values: number[], ranks: number[]): number[] {
  if (values.length === 0) return ranks.map(() => Number.NaN)
  const sorted = Float64Array.from(values).sort()
  return ranks.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number)
}
