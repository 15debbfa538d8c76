/**
 * Knitting machine time efficiency [S16]: k_T = running time / theoretical running time.
 * Output efficiency [S15] is the same ratio on quantities: actual / theoretical output.
 */
export function knittingEfficiency(actual: number, theoretical: number): number | null {
  return theoretical > 0 ? actual / theoretical : null
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
  const needles = Math.PI * input.diameterIn * input.gaugeNpi
  return (needles * input.rpm * input.feeders * input.stitchLengthMm * input.tex * 60 * (input.efficiency ?? 1)) / 1e9
}

/** Fabric length knitted [S15]: m/h = n × F × η × 60 / (feeders per course × courses per cm × 100). */
export function knittingMPerH(input: { rpm: number; feeders: number; feedersPerCourse: number; coursesPerCm: number; efficiency?: number }): number {
  return (input.rpm * input.feeders * (input.efficiency ?? 1) * 60) / (input.feedersPerCourse * input.coursesPerCm * 100)
}

/** Sewing output: pieces per hour of the window. */
export function unitsPerHour(pieces: number, durationMs: number): number | null {
  return durationMs > 0 ? pieces / (durationMs / 3_600_000) : null
}

/**
 * Sewing line efficiency = pieces × SAM / (operators × worked minutes), the garment industry's
 * standard-allowed-minute measure (no source in domain.md: U).
 */
export function sewingEfficiency(input: { pieces: number; samMin: number; operators: number; workedMin: number }): number | null {
  const available = input.operators * input.workedMin
  return available > 0 ? (input.pieces * input.samMin) / available : null
}
