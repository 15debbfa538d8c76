import type { Plant } from '@millstream/contract'
import type { EffectivenessGap } from '@millstream/metrics'

/**
 * Why a row's performance (effectiveness) and OEE are absent, in words a plant manager reads: the
 * domain's gap code (kpis `effectivenessGap`) and, for batch machines, how long one of their
 * batches takes at the ideal rate (registry `batchQty` / `idealRatePerMin`). Null when present.
 */
export function effectivenessNote(gap: EffectivenessGap | null, plant: Plant, group: Readonly<Record<string, string>>): string | null {
  if (gap === null) return null
  if (gap === 'no_run_time') return 'no run time in this window'
  const hours = batchHours(plant, group)
  const takes = hours === null ? '' : `; a batch takes about ${formatHours(hours)} at the ideal rate`
  if (gap === 'no_batch_ended') return `no batch ended in this window${takes}: performance is measured over the batches that ended`
  return `the batches that ended began before the data (or ran through unknown time): their run time is not known${takes}`
}

/** Hours a batch takes at the ideal rate, over the group's batch machines (the longest when they differ); null without one. */
export function batchHours(plant: Plant, group: Readonly<Record<string, string>>): number | null {
  const machines = plant.lines.filter((l) => group.line === undefined || l.id === group.line).flatMap((l) => l.machines).filter((m) => group.machine === undefined || m.id === group.machine)
  const hours = machines.flatMap((m) => (m.batchQty === undefined ? [] : [m.batchQty / m.idealRatePerMin / 60]))
  return hours.length === 0 ? null : Math.max(...hours)
}

const formatHours = (h: number) => (h >= 1.95 ? `${Math.round(h)} h` : `${Math.round(h * 60)} min`)
