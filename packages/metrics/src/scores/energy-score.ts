import { finiteDeep, finiteResult } from '../input/check-number.ts'
import { checkConfig, checkEnergyInputs } from './check-score-inputs.ts'
import { energyScoreConfigSchema } from './resolve-score-config.ts'
import type { CountUnit } from '../efficiency/elements.ts'
import { quotaGrade } from '../energy/quota-grade.ts'
import { benchmarkBasisSec, findSecBenchmark, secBenchmarkGrades } from '../energy/sec-benchmarks.ts'
import { composeScore } from './compose-score.ts'
import { DEFAULT_ENERGY_SCORE_CONFIG, type EnergyScoreConfig } from './energy-config.ts'
import { clamp01, ramp } from './ramp.ts'
import type { Evaluation, GateFailure, ScoreResult } from './score-model.ts'

/** Output and standard-coal energy of one product family over the period (E1). */
export interface FamilyEnergy {
  family: string
  energyKgce: number
  outputQty: number
  unit: CountUnit
}

/** The aggregates behind E1..E4 and the gates (domain.md §5.2). */
export interface EnergyScoreInputs {
  /** Received / expected samples of the plant main meter(s) over the period. */
  mainMeterCompleteness: number | null
  /** D5: kWh of sub-meters / kWh of the main meter. */
  subMeteredShare: number | null
  families?: readonly FamilyEnergy[]
  /** E2: energy of the period against the baseline model's expectation. */
  baseline?: { actualEnergy: number; expectedEnergy: number; baselineMonths: number; yearsSinceBaseline: number; unavailable?: string }
  /** E3: r_idle from idleEnergy() over sub-metered loads. */
  idleShare?: number | null
  /** E4: kWh and POT time in tip + peak bands; omit when the plant has no tariff calendar. */
  loadShift?: { peakKwh: number; totalKwh: number; peakPotMs: number; potMs: number }
}

/** Plant energy score, 0-100 (domain.md §5.2). */
export function energyScore(inputs: EnergyScoreInputs, config: EnergyScoreConfig = DEFAULT_ENERGY_SCORE_CONFIG): ScoreResult {
  checkConfig(config, DEFAULT_ENERGY_SCORE_CONFIG, energyScoreConfigSchema)
  checkEnergyInputs(inputs)
  const { gates } = config
  const failing: GateFailure[] = []
  const completeness = inputs.mainMeterCompleteness
  // Gates are written `!(x >= min)` so that a NaN could never pass one.
  if (completeness === null || completeness === undefined || !(completeness >= gates.minMainMeterCompleteness)) failing.push({ input: 'mainMeterCompleteness', value: completeness, required: `≥ ${gates.minMainMeterCompleteness}` })
  const subMeteringOk = typeof inputs.subMeteredShare === 'number' && inputs.subMeteredShare >= gates.minSubMeteredShare
  if (!subMeteringOk && gates.subMeteredShareGates === 'score') failing.push({ input: 'subMeteredShare (D5)', value: inputs.subMeteredShare, required: `≥ ${gates.minSubMeteredShare}` })
  const notes: string[] = []
  const evaluations: Record<string, Evaluation> = {
    E1: evaluateSec(inputs.families ?? [], config, notes),
    E2: evaluateEnpi(inputs.baseline, config, notes),
    E3: evaluateIdle(inputs, subMeteringOk || gates.subMeteredShareGates === 'score', gates.minSubMeteredShare),
    E4: evaluateLoadShift(inputs.loadShift),
  }
  notes.push('Reported beside the score, not scored: total kgce, tCO2 with its factor and year, CO2 and cost per unit.')
  return finiteDeep('inputs', composeScore({ kind: 'energy', modelVersion: config.modelVersion, components: config.components, evaluations, failing, notes }))
}

/**
 * E1: per family s = clamp((B_lim − e) / (B_lim − B_adv)), weighted by the family's output at its
 * limit value, w = P / basis × B_lim: the kgce the output would take at the limit. The weight does
 * not depend on the energy actually used, so using less energy for the same output on any family
 * can only raise E1 (weighting by actual kgce could lower it: the improved family loses weight to
 * worse ones). value = Σ E / Σ w: the plant's energy as a share of what its output would take at
 * the limit values.
 */
function evaluateSec(families: readonly FamilyEnergy[], config: EnergyScoreConfig, notes: string[]): Evaluation {
  const inputs: Record<string, number | string | null> = {}
  let weightSum = 0
  let scoreSum = 0
  let energySum = 0
  for (const [i, f] of families.entries()) {
    const benchmark = findSecBenchmark(config.benchmarks, f.family, f.unit)
    const sec = benchmarkBasisSec(f, benchmark)
    inputs[`${f.family}.secKgce`] = sec.value
    inputs[`${f.family}.basis`] = sec.basisLabel
    if (!benchmark || sec.value === null || benchmark.basis !== sec.basisLabel) continue
    const advanced = benchmark.advancedKgce ?? config.advancedToLimitRatio * benchmark.limitKgce
    if (benchmark.advancedKgce === undefined) notes.push(`E1 ${f.family}: advanced value is the placeholder ${config.advancedToLimitRatio} × limit (unverified).`)
    inputs[`${f.family}.limitKgce`] = benchmark.limitKgce
    inputs[`${f.family}.advancedKgce`] = advanced
    // The quota grade of the same SEC against the same row: what the API's energy/specific reports.
    inputs[`${f.family}.grade`] = quotaGrade(sec.value, secBenchmarkGrades(benchmark, config.advancedToLimitRatio)).grade
    const weight = finiteResult(`inputs.families[${i}].outputQty`, (f.outputQty / sec.basisQty) * benchmark.limitKgce)
    inputs[`${f.family}.weightKgceAtLimit`] = weight
    weightSum = finiteResult('inputs.families', weightSum + weight)
    scoreSum += weight * ramp(sec.value, benchmark.limitKgce, advanced)
    energySum = finiteResult('inputs.families', energySum + f.energyKgce)
  }
  if (!(weightSum > 0)) return { unavailable: 'no product family with output and a benchmark', inputs }
  return { value: energySum / weightSum, subScore: scoreSum / weightSum, inputs }
}

/** E2: I = E_actual / E_expected; s = clamp(0.5 + (1 − I) / (2g)), g = 1 − (1 − r)^y. */
function evaluateEnpi(baseline: EnergyScoreInputs['baseline'], config: EnergyScoreConfig, notes: string[]): Evaluation {
  if (!baseline) return { unavailable: 'no energy baseline', inputs: {} }
  const { unavailable: _reason, ...inputs } = baseline
  if (baseline.baselineMonths < config.gates.minBaselineMonths) {
    notes.push('Baseline pending: E2 needs a baseline of at least 12 months.')
    return { unavailable: `baseline of ${baseline.baselineMonths} months, needs ${config.gates.minBaselineMonths}`, inputs }
  }
  if (baseline.unavailable) return { unavailable: baseline.unavailable, inputs }
  if (!(baseline.expectedEnergy > 0)) return { unavailable: 'baseline model expects no energy', inputs }
  const index = finiteResult('inputs.baseline.actualEnergy', baseline.actualEnergy / baseline.expectedEnergy)
  const years = Math.max(baseline.yearsSinceBaseline, config.minYearsForTarget)
  const g = 1 - (1 - config.annualImprovementTarget.value) ** years
  return { value: index, subScore: clamp01(0.5 + (1 - index) / (2 * g)), floor: 1 + g, target: 1 - g, inputs: { ...inputs, targetImprovement: g } }
}

/** E3: r_idle, measured on sub-metered loads; with the 'E3' gate option, too little sub-metering drops it. */
function evaluateIdle(inputs: EnergyScoreInputs, subMeteringSuffices: boolean, minShare: number): Evaluation {
  if (!subMeteringSuffices) return { unavailable: `sub-metered share below ${minShare}`, inputs: { subMeteredShare: inputs.subMeteredShare } }
  if (inputs.idleShare === undefined || inputs.idleShare === null) return { unavailable: 'no sub-metered idle energy', inputs: {} }
  return { value: inputs.idleShare, inputs: { idleShare: inputs.idleShare } }
}

/** E4: ρ = share of kWh in tip + peak ÷ share of POT in tip + peak. */
function evaluateLoadShift(loadShift: EnergyScoreInputs['loadShift']): Evaluation {
  if (!loadShift) return { unavailable: 'no tariff calendar configured', inputs: {} }
  const inputs = { ...loadShift }
  if (!(loadShift.totalKwh > 0) || !(loadShift.potMs > 0) || !(loadShift.peakPotMs > 0)) return { unavailable: 'no energy or no peak hours in planned time', inputs }
  return { value: finiteResult('inputs.loadShift', loadShift.peakKwh / loadShift.totalKwh / (loadShift.peakPotMs / loadShift.potMs)), inputs }
}
