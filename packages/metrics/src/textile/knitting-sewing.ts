import { finiteResult, nonNegative, optional, positive, share } from '../input/check-number.ts'
/**
 * Knitting machine time efficiency [S16]: k_T = running time / theoretical running time.
 * Output efficiency [S15] is the same ratio on quantities: actual / theoretical output.
 */
export function knittingEfficiency(actual: number, theoretical: number): number | null {
  nonNegative('actual', actual)
  return finiteResult('actual', nonNegative('theoretical', theoretical) > 0 ? actual / theoretical : null)
}

/**
 * Theoretical circular-knitting output [S15]:
 * kg/h = π × D[in] × G[needles/in] × n[rpm] × F × ℓ[mm] × tex × 60 × η / 10^9
 * (π·D·G needles, each feeder lays one loop per needle per revolution).
 */
export function circularKnittingKgPerH(input: {
  diameterIn: number
  gaugeNpi: number
  rpm: number
  feeders: number
  stitchLengthMm: number
  tex: number
  efficiency?: number
}): number {
  for (const key of ['diameterIn', 'gaugeNpi', 'rpm', 'feeders', 'stitchLengthMm', 'tex'] as const) nonNegative(key, input[key])
  optional(share, 'efficiency', input.efficiency)
  const needles = Math.PI * input.diameterIn * input.gaugeNpi
  return finiteResult('diameterIn', (needles * input.rpm * input.feeders * input.stitchLengthMm * input.tex * 60 * (input.efficiency ?? 1)) / 1e9)
}

/** Fabric length knitted [S15]: m/h = n × F × η × 60 / (feeders per course × courses per cm × 100). */
export function knittingMPerH(input: { rpm: number; feeders: number; feedersPerCourse: number; coursesPerCm: number; efficiency?: number }): number {
  nonNegative('rpm', input.rpm)
  nonNegative('feeders', input.feeders)
  positive('feedersPerCourse', input.feedersPerCourse)
  positive('coursesPerCm', input.coursesPerCm)
  optional(share, 'efficiency', input.efficiency)
  return finiteResult('rpm', (input.rpm * input.feeders * (input.efficiency ?? 1) * 60) / (input.feedersPerCourse * input.coursesPerCm * 100))
}

/** Sewing output: pieces per hour of the window. */
export function unitsPerHour(pieces: number, durationMs: number): number | null {
  nonNegative('pieces', pieces)
  return finiteResult('pieces', nonNegative('durationMs', durationMs) > 0 ? pieces / (durationMs / 3_600_000) : null)
}

/**
 * Sewing line efficiency = pieces × SAM / (operators × worked minutes), the garment industry's
 * standard-allowed-minute measure (no source in domain.md: U).
 */
export function sewingEfficiency(input: { pieces: number; samMin: number; operators: number; workedMin: number }): number | null {
  for (const key of ['pieces', 'samMin', 'operators', 'workedMin'] as const) nonNegative(key, input[key])
  const available = finiteResult('operators', input.operators * input.workedMin)
  return finiteResult('pieces', available > 0 ? (input.pieces * input.samMin) / available : null)
}
