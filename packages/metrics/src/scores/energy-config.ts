import type { ComponentConfig } from './score-model.ts'
import type { ConstantStatus } from '../constants/constant.ts'
import type { CountUnit } from '../efficiency/elements.ts'

/** A unit-product energy benchmark of one product family, in kgce per basis quantity. */
export interface SecBenchmark {
  family: string
  /** The output basis the benchmark is quoted per, e.g. '100 m', 'kg', 't'. */
  basis: string
  /**
   * The count unit of the output and how many of it make one basis quantity (1000 kg = 1 t);
   * when absent, the unit's SEC_BASIS with the label `basis`.
   */
  countUnit?: CountUnit
  perQty?: number
  /** B_lim: the norm's limit value (s = 0 at or above it). */
  limitKgce: number
  /** B_adv: the advanced value (s = 1); when absent, advancedToLimitRatio × B_lim, flagged U. */
  advancedKgce?: number
  /** Grade 2 of the quota standard, where it publishes one (quota grades only; E1 ramps from limit to advanced). */
  grade2Kgce?: number
  source: string
  status: ConstantStatus
}

/** Energy score E, model of domain.md §5.2 (all U unless a benchmark says otherwise). */
export interface EnergyScoreConfig {
  modelVersion: string
  components: ComponentConfig[]
  benchmarks: SecBenchmark[]
  /** B_adv = this × B_lim where no advanced value is published (domain.md: placeholder 0.8, U). */
  advancedToLimitRatio: number
  /** National energy-intensity reduction per year: −13.5 % over 2020-2025 compounded [S47]. */
  annualImprovementTarget: { value: number; source: string; status: ConstantStatus }
  /** E2's target improvement uses at least this many years since the baseline (avoids g → 0). */
  minYearsForTarget: number
  gates: {
    minMainMeterCompleteness: number
    minSubMeteredShare: number
    /** 'score': D5 below the minimum withholds the energy score (domain.md §5.2 as written); 'E3': only E3. */
    subMeteredShareGates: 'score' | 'E3'
    minBaselineMonths: number
  }
}

const U = 'unverified' as const
const MODEL = 'MillStream scoring proposal, docs/metrics.md §7'

export const DEFAULT_ENERGY_SCORE_CONFIG: EnergyScoreConfig = {
  modelVersion: 'energy-2026.1',
  components: [
    e('E1', 'specific energy consumption vs benchmark', 1, 0.8, 0.4, ['E2', 'E3'], 'unit-product energy is the regulated quantity (GB/T 2589 [S21], ISO 22400 [S4]); value = SEC / B_lim'),
    e('E2', 'EnPI improvement vs baseline', 1, 1, 0.25, ['E1', 'E3'], 'ISO 50001 asks for demonstrated improvement [S32]; target 2.86 %/yr [S47]; floor/target set per period (1 ± g)'),
    e('E3', 'idle and off-shift energy ratio', 0.3, 0.05, 0.2, [], 'no benchmark found (NF); placeholders to tune on platform data'),
    e('E4', 'peak-period load shift', 1.2, 0.8, 0.15, [], 'TOU spreads ≥ 3:1 or 4:1, tip ≥ +20 % [S27]; disabled until a tariff calendar is set'),
  ],
  benchmarks: [
    {
      family: 'dyeing_woven_cotton',
      basis: '100 m',
      limitKgce: 30,
      source: '印染行业规范条件 (2017), woven cotton/linen/synthetic and blends ≤ 30 kgce/100 m [S28]',
      status: 'secondary',
    },
  ],
  advancedToLimitRatio: 0.8,
  annualImprovementTarget: { value: 0.0286, source: '十四五 energy-intensity target −13.5 % over 5 years, compounded [S47]', status: 'secondary' },
  minYearsForTarget: 1,
  gates: { minMainMeterCompleteness: 0.95, minSubMeteredShare: 0.5, subMeteredShareGates: 'score', minBaselineMonths: 12 },
}

function e(id: string, name: string, floor: number, target: number, weight: number, redistributeTo: string[], justification: string): ComponentConfig {
  return { id, name, floor, target, weight, redistributeTo, source: MODEL, status: U, justification }
}
