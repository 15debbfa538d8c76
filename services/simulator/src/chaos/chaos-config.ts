/** Rates of injected faults. Probabilities are per telemetry message; gaps and resets per device-hour. */
export interface ChaosConfig {
  /** The same message (same seq) published again up to 30 s later. */
  duplicate: number
  /** Published 1.2-3 sampling periods late: after newer messages of the same device. */
  outOfOrder: number
  /** Published `lateDelayS` to 1.5 x `lateDelayS` after its ts: beyond the pipeline's allowed lateness. */
  late: number
  lateDelayS: number
  /** A bad message (malformed JSON, wrong types, negative total, unknown machine) follows. */
  bad: number
  /** Offline gaps: the device's messages are lost for `gapS` (its seq keeps counting). */
  gapPerDeviceH: number
  gapS: number
  /** Controller restarts: silent for `restartS`, then counters and meters start from zero. */
  resetPerDeviceH: number
  restartS: number
  /**
   * Register discontinuities per device-hour (issue 9): a register rewound to a large value, a
   * meter replaced by one with a non-zero start, a one-reading spike. The pipeline must count
   * nothing for the interval and report it; the report lists each (`excludedIntervals`).
   */
  discontinuityPerDeviceH: number
  /** Process readings (issue 16) put outside their gauge's plausible range, per reading and gauge. */
  outOfRange: number
}

export const NO_CHAOS: ChaosConfig = {
  duplicate: 0, outOfOrder: 0, late: 0, lateDelayS: 7200, bad: 0, gapPerDeviceH: 0, gapS: 300, resetPerDeviceH: 0, restartS: 120, discontinuityPerDeviceH: 0, outOfRange: 0,
}

/** `--chaos` without rates: a few faults of every kind per device and day, visible on a demo dashboard. */
export const DEFAULT_CHAOS: ChaosConfig = {
  duplicate: 0.01, outOfOrder: 0.005, late: 0.001, lateDelayS: 7200, bad: 0.001, gapPerDeviceH: 0.02, gapS: 300, resetPerDeviceH: 0.01, restartS: 120, discontinuityPerDeviceH: 0.01, outOfRange: 0.002,
}

export function chaosEnabled(c: ChaosConfig): boolean {
  return c.duplicate > 0 || c.outOfOrder > 0 || c.late > 0 || c.bad > 0 || c.gapPerDeviceH > 0 || c.resetPerDeviceH > 0 || c.discontinuityPerDeviceH > 0 || c.outOfRange > 0
}
