import { finite, finiteDeep, finiteResult, nonNegative } from '../input/check-number.ts'
/**
 * Energy performance indicators after ISO 50006 [S32]: ratio EnPI (energy per unit of output),
 * index EnPI (current / baseline, < 1 is improvement) and a model-based EnPI from a linear
 * energy baseline E = a + b × P fitted on the baseline period (method U, concept V2).
 */
export function enpiRatio(energy: number, output: number): number | null {
  nonNegative('energy', energy)
  return finiteResult('energy', nonNegative('output', output) > 0 ? energy / output : null)
}

export function enpiIndex(current: number, baseline: number): number | null {
  nonNegative('current', current)
  return finiteResult('current', nonNegative('baseline', baseline) > 0 ? current / baseline : null)
}

/** One period of the baseline: energy and the relevant variable (production) in it. */
export interface BaselinePoint {
  output: number
  energy: number
}

export interface LinearBaseline {
  /** a: energy independent of output (base load) per period. */
  interceptA: number
  /** b: energy per unit of output. */
  slopeB: number
  /** Coefficient of determination of the fit. */
  r2: number
  n: number
}

export type BaselineFit = { ok: true; model: LinearBaseline } | { ok: false; reason: 'too_few_points' | 'output_does_not_vary' }

/** Ordinary least squares of energy on output over the baseline periods. */
export function fitLinearBaseline(points: readonly BaselinePoint[]): BaselineFit {
  points.forEach((p, i) => checkPoint(`points[${i}]`, p))
  return finiteDeep('points', fit(points))
}

function checkPoint(argument: string, p: BaselinePoint): void {
  nonNegative(`${argument}.output`, p.output)
  nonNegative(`${argument}.energy`, p.energy)
}

function fit(points: readonly BaselinePoint[]): BaselineFit {
  const n = points.length
  if (n < 3) return { ok: false, reason: 'too_few_points' }
  const meanP = points.reduce((s, p) => s + p.output, 0) / n
  const meanE = points.reduce((s, p) => s + p.energy, 0) / n
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (const p of points) {
    sxx += (p.output - meanP) ** 2
    sxy += (p.output - meanP) * (p.energy - meanE)
    syy += (p.energy - meanE) ** 2
  }
  if (sxx === 0) return { ok: false, reason: 'output_does_not_vary' }
  const slopeB = sxy / sxx
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy)
  return { ok: true, model: { interceptA: meanE - slopeB * meanP, slopeB, r2, n } }
}

export function expectedEnergy(model: LinearBaseline, output: number): number {
  finite('model.interceptA', model.interceptA)
  finite('model.slopeB', model.slopeB)
  return finiteResult('output', model.interceptA + model.slopeB * nonNegative('output', output))
}

export interface EnergyPerformance {
  expectedEnergy: number
  actualEnergy: number
  /** ΔE = E_expected − E_actual: energy saved against the baseline (negative: more used). */
  improvement: number
  /** I = E_actual / E_expected; null when the model expects no energy. */
  index: number | null
  /** ΔE / E_expected. */
  improvementShare: number | null
}

/** Normalised comparison of a period against the baseline model (domain.md §1.6). */
export function energyPerformance(model: LinearBaseline, current: BaselinePoint): EnergyPerformance {
  checkPoint('current', current)
  const expected = expectedEnergy(model, current.output)
  const improvement = expected - current.energy
  return finiteDeep('current', {
    expectedEnergy: expected,
    actualEnergy: current.energy,
    improvement,
    index: expected > 0 ? current.energy / expected : null,
    improvementShare: expected > 0 ? improvement / expected : null,
  })
}
