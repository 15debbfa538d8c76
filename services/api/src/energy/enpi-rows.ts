import { DEFAULT_CONSTANTS, energyPerformance, fitLinearBaseline, standardCoalKgce, type BaselinePoint, type EnergyPerformance, type LinearBaseline } from '@millstream/metrics'
import type { Production, StoreRow } from '@millstream/store'

/**
 * One local day's EnPI input (ISO 50006): energy as standard coal of the plant's incomers (all
 * media, equivalent value), and output as standard hours (Σ ideal production seconds ÷ 3600), the
 * one relevant variable that adds across picks, kilograms and pieces.
 */
export function dayPoints(incomers: readonly StoreRow<Partial<Record<string, number>>>[], output: readonly StoreRow<Production>[]): { startMs: number; endMs: number; point: BaselinePoint }[] {
  return incomers.map((r) => {
    const standardH = output.filter((p) => p.window.startMs === r.window.startMs).reduce((h, p) => h + p.values.idealProducedS / 3600, 0)
    return { ...r.window, point: { energy: standardCoalKgce(r.values, DEFAULT_CONSTANTS, 'equivalent').total, output: standardH } }
  })
}

export interface EnpiDay {
  energyKgce: number
  outputStandardH: number
  /** Against the baseline model; null when the baseline could not be fitted (`reason`). */
  performance: EnergyPerformance | null
  baseline: LinearBaseline | null
  reason: string | null
}

/** Each current day against a linear baseline fitted on the baseline days (@millstream/metrics fitLinearBaseline, energyPerformance). */
export function enpiRows(baselineDays: ReturnType<typeof dayPoints>, currentDays: ReturnType<typeof dayPoints>): StoreRow<EnpiDay>[] {
  const fit = fitLinearBaseline(baselineDays.map((d) => d.point))
  return currentDays.map((d) => ({
    group: {},
    window: { startMs: d.startMs, endMs: d.endMs },
    values: {
      energyKgce: d.point.energy, outputStandardH: d.point.output,
      performance: fit.ok ? energyPerformance(fit.model, d.point) : null,
      baseline: fit.ok ? fit.model : null,
      reason: fit.ok ? null : `baseline not fitted: ${fit.reason}`,
    },
  }))
}
