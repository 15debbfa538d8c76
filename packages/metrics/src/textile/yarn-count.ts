import { finiteResult, nonNegative, positive } from '../input/check-number.ts'
import { DEFAULT_CONSTANTS, type Constants } from '../constants/default-constants.ts'

/**
 * Yarn count conversions [S11][S10b]. tex (g per 1000 m) is the pivot: direct systems (tex,
 * denier) grow with thickness, indirect ones (Ne, Nm) shrink. The Ne factor is derived from the
 * unit definitions (453.59237 g per lb, 840 yd hank of 0.9144 m): tex × Ne = 590.54, printed as
 * 590.5 in textbooks.
 */
export function texPerNeFactor(c: Constants = DEFAULT_CONSTANTS): number {
  const hankKm = (positive('c.yardsPerCottonHank', c.yardsPerCottonHank.value) * positive('c.metresPerYard', c.metresPerYard.value)) / 1000
  return finiteResult('c.gramsPerPound', positive('c.gramsPerPound', c.gramsPerPound.value) / hankKm)
}

/** English cotton count Ne to tex. */
export function neToTex(ne: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('ne', texPerNeFactor(c) / positive('ne', ne))
}

export function texToNe(tex: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('tex', texPerNeFactor(c) / positive('tex', tex))
}

/** Metric count Nm (km per kg) to tex: Nm × tex = 1000. */
export function nmToTex(nm: number): number {
  return finiteResult('nm', 1000 / positive('nm', nm))
}

export function texToNm(tex: number): number {
  return finiteResult('tex', 1000 / positive('tex', tex))
}

/** Denier (g per 9000 m) to tex: tex = den / 9. */
export function denierToTex(denier: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('denier', (nonNegative('denier', denier) * 1000) / positive('c.metresPerDenierLength', c.metresPerDenierLength.value))
}

export function texToDenier(tex: number, c: Constants = DEFAULT_CONSTANTS): number {
  return finiteResult('tex', (nonNegative('tex', tex) * positive('c.metresPerDenierLength', c.metresPerDenierLength.value)) / 1000)
}

/** decitex = 10 × tex (man-made fibre filaments are sold by dtex). */
export function texToDtex(tex: number): number {
  return finiteResult('tex', nonNegative('tex', tex) * 10)
}

/** Mass of a yarn length: kg = m × tex / 10^6. */
export function yarnMassKg(lengthM: number, tex: number): number {
  return finiteResult('lengthM', (nonNegative('lengthM', lengthM) * nonNegative('tex', tex)) / 1e6)
}

/** Length of a yarn mass: m = kg × 10^6 / tex. */
export function yarnLengthM(massKg: number, tex: number): number {
  return finiteResult('massKg', (nonNegative('massKg', massKg) * 1e6) / positive('tex', tex))
}
