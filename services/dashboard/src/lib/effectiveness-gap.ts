import type { Line } from '@millstream/contract'
import type { EfficiencyValues } from '../api/response-types.ts'

type Translate = (key: string, named: Record<string, unknown>) => string

/**
 * Why a line's performance (and so OEE) is absent, as the user reads it, or '' when it is there. A
 * batch line's performance is measured over the batches that ended (docs/metrics.md §4.3): the
 * reason names how long a batch of the line's machines takes at the ideal rate.
 */
export function effectivenessGapText(t: Translate, line: Line | undefined, kpis: EfficiencyValues['kpis'] | undefined): string {
  const gap = kpis?.effectivenessGap
  if (!gap) return ''
  const hours = Math.max(0, ...(line?.machines ?? []).map((m) => (m.batchQty ? m.batchQty / m.idealRatePerMin / 60 : 0)))
  return t(`oee.gap.${gap}`, { hours: hours.toFixed(hours < 2 ? 1 : 0) })
}
