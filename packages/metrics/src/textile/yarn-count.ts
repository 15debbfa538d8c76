import { DEFAULT_CONSTANTS, type Constants } from '../constants/default-constants.ts'

/**
 * Yarn count conversions [S11][S10b]. tex (g per 1000 m) is the pivot: direct systems (tex,
 * denier) grow with thickness, indirect ones (Ne, Nm) shrink. The Ne factor is derived from the
 * unit definitions (453.59237 g per lb, 840 yd hank of 0.9144 m): tex × Ne = 590.54, printed as
 * 590.5 in textbooks.
 */
export function texPerNeFactor(c: Constants = DEFAULT_CONSTANTS): number {
  const hankKm = (c.yardsPerCottonHank.value * c.metresPerYard.value) / 1000
  return c.gramsPerPound.value / hankKm
}

/** English cotton count Ne to tex. */
export function neToTex(ne: number, c: Constants = DEFAULT_CONSTANTS): number {
  return texPerNeFactor(c) / ne
}

export function texToNe(tex: number, c: Constants = DEFAULT_CONSTANTS): number {
  return texPerNeFactor(c) / tex
}

/** Metric count Nm (km per kg) to tex: Nm × tex = 1000. */
export function nmToTex(nm: number): number {
  return 1000 / nm
}

export function texToNm(tex: number): number {
  return 1000 / tex
}

/** Denier (g per 9000 m) to tex: tex = den / 9. */
export function denierToTex(denier: number, c: Constants = DEFAULT_CONSTANTS): number {
  return (denier * 1000) / c.metresPerDenierLength.value
}

export function texToDenier(tex: number, c: Constants = DEFAULT_CONSTANTS): number {
  return (tex * c.metresPerDenierLength.value) / 1000
}

/** decitex = 10 × tex (man-made fibre filaments are sold by dtex). */
export function texToDtex(tex: number): number {
  return tex * 10
}

/** Mass of a yarn length: kg = m × tex / 10^6. */
export function yarnMassKg(lengthM: number, tex: number): number {
  return (lengthM * tex) / 1e6
}

/** Length of a yarn mass: m = kg × 10^6 / tex. */
export function yarnLengthM(massKg: number, tex: number): number {
  return (massKg * 1e6) / tex
}
