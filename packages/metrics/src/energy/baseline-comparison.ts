import { calendarRange, finiteDeep, nonNegative } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import { energyPerformance, fitLinearBaseline } from './enpi.ts'

/** Energy and the relevant variable (output) over one period. */
export interface PeriodEnergy extends Interval {
  output: number
  energy: number
}

export interface BaselineComparison {
  actualEnergy: number
  expectedEnergy: number
  /** Months that entered the fit (energy and output both above zero). */
  baselineMonths: number
  yearsSinceBaseline: number
  /** Why no expectation could be formed, when the fit failed. */
  unavailable?: string
}

const YEAR_MS = 365.25 * 24 * 3_600_000

/**
 * E2's inputs (ISO 50006 energy baseline, method U): E = a + b × P fitted by least squares on the
 * baseline months that have both energy and output; a period of length L is expected to use
 * a × L / (mean baseline month length) + b × P, so a day carries a day's share of the base load.
 */
export function baselineComparison(months: readonly PeriodEnergy[], current: PeriodEnergy): BaselineComparison {
  const check = (argument: string, p: PeriodEnergy) => {
    calendarRange(argument, p)
    nonNegative(`${argument}.output`, p.output)
    nonNegative(`${argument}.energy`, p.energy)
  }
  months.forEach((m, i) => check(`months[${i}]`, m))
  check('current', current)
  const used = months.filter((m) => m.output > 0 && m.energy > 0)
  const base = { actualEnergy: current.energy, baselineMonths: used.length }
  if (used.length === 0) return { ...base, expectedEnergy: 0, yearsSinceBaseline: 0, unavailable: 'no baseline month with energy and output' }
  const mid = (i: Interval) => (i.startMs + i.endMs) / 2
  const yearsSinceBaseline = Math.max(0, (mid(current) - used.reduce((s, m) => s + mid(m), 0) / used.length) / YEAR_MS)
  const fit = fitLinearBaseline(used.map((m) => ({ output: m.output, energy: m.energy })))
  if (!fit.ok) return { ...base, expectedEnergy: 0, yearsSinceBaseline, unavailable: `baseline fit failed: ${fit.reason.replaceAll('_', ' ')}` }
  const meanMonthMs = used.reduce((s, m) => s + (m.endMs - m.startMs), 0) / used.length
  const scale = (current.endMs - current.startMs) / meanMonthMs
  const perf = energyPerformance({ ...fit.model, interceptA: fit.model.interceptA * scale }, { output: current.output, energy: current.energy })
  return finiteDeep('current', { ...base, expectedEnergy: Math.max(0, perf.expectedEnergy), yearsSinceBaseline })
}
