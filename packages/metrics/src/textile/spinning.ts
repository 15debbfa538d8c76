import { finiteResult, nonNegative, optional, partOf, positive, share } from '../input/check-number.ts'
import { DEFAULT_CONSTANTS, type Constants } from '../constants/default-constants.ts'

const METRES_PER_INCH = 0.0254

/** Twist in turns per inch from the twist multiplier [S10]: TPI = TM × √Ne. */
export function tpiFromTwistMultiplier(twistMultiplier: number, ne: number): number {
  nonNegative('twistMultiplier', twistMultiplier)
  return finiteResult('twistMultiplier', twistMultiplier * Math.sqrt(positive('ne', ne)))
}

/** Turns per inch to turns per metre. */
export function tpiToTwistPerM(tpi: number): number {
  return finiteResult('tpi', nonNegative('tpi', tpi) / METRES_PER_INCH)
}

/** Front-roller delivery of a ring spindle: m/min = spindle rpm / twist (turns per m) [S10]. */
export function ringDeliveryMPerMin(spindleRpm: number, twistPerM: number): number {
  nonNegative('spindleRpm', spindleRpm)
  return finiteResult('spindleRpm', spindleRpm / positive('twistPerM', twistPerM))
}

/**
 * Ring frame production [S10]: kg/h = rpm / T × 60 × tex / 10^6 × spindles × η.
 * With η = 1 it is the 100 % production that ring-frame efficiency divides by.
 */
export function ringProductionKgPerH(input: { spindleRpm: number; twistPerM: number; tex: number; spindles: number; efficiency?: number }): number {
  nonNegative('tex', input.tex)
  nonNegative('spindles', input.spindles)
  optional(share, 'efficiency', input.efficiency)
  const gramsPerHourPerSpindle = ringDeliveryMPerMin(input.spindleRpm, input.twistPerM) * 60 * (input.tex / 1000)
  return finiteResult('spindles', (gramsPerHourPerSpindle * input.spindles * (input.efficiency ?? 1)) / 1000)
}

/** Ring frame efficiency η_RF = actual production / production at 100 % [S10][S14]. */
export function ringFrameEfficiency(actualKg: number, theoreticalKg: number): number | null {
  nonNegative('actualKg', actualKg)
  return finiteResult('actualKg', nonNegative('theoreticalKg', theoreticalKg) > 0 ? actualKg / theoreticalKg : null)
}

/** End breaks per 1000 spindle-hours [S13]: breaks × 1000 / (spindles × hours). */
export function endBreaksPer1000SpindleHours(input: { breaks: number; spindles: number; durationMs: number }): number | null {
  nonNegative('breaks', input.breaks)
  nonNegative('spindles', input.spindles)
  nonNegative('durationMs', input.durationMs)
  const spindleHours = input.spindles * (input.durationMs / 3_600_000)
  return finiteResult('breaks', spindleHours > 0 ? (input.breaks * 1000) / spindleHours : null)
}

/**
 * Production lost to ends down [S12]: d [%] = e × 0.75 × t_p, e in breaks per 100 spindle-hours
 * (= EB per 1000 / 10), t_p the piecer's patrol time in hours.
 */
export function endsDownLossPct(input: { breaksPer1000SpindleH: number; patrolH: number }, c: Constants = DEFAULT_CONSTANTS): number {
  nonNegative('breaksPer1000SpindleH', input.breaksPer1000SpindleH)
  nonNegative('patrolH', input.patrolH)
  const factor = nonNegative('c.endsDownLossFactor', c.endsDownLossFactor.value)
  return finiteResult('breaksPer1000SpindleH', (input.breaksPer1000SpindleH / 10) * factor * input.patrolH)
}

/**
 * Spindle utilisation (domain.md §1.4, formula U): running spindle-hours over installed
 * spindle-hours in planned operation time; unlike η_RF it counts frames idle for want of orders.
 */
export function spindleUtilisation(input: { runningSpindleHours: number; spindlesInstalled: number; potMs: number }): number | null {
  nonNegative('runningSpindleHours', input.runningSpindleHours)
  nonNegative('spindlesInstalled', input.spindlesInstalled)
  nonNegative('potMs', input.potMs)
  const installed = finiteResult('spindlesInstalled', input.spindlesInstalled * (input.potMs / 3_600_000))
  if (installed === 0) return null
  // Spindles cannot run more hours than are installed in the time: a share.
  partOf('runningSpindleHours', input.runningSpindleHours, installed)
  return input.runningSpindleHours / installed
}
