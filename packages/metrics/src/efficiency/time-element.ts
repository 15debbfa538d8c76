import type { PlanKind } from '../time/plan-segments.ts'
import type { TimelineState } from '../timeline/machine-state.ts'

export const TIME_ELEMENTS = ['aptMs', 'asutMs', 'adetMs', 'adotMs', 'pdtMs', 'nonScheduledMs', 'unknownMs'] as const
export type TimeElement = (typeof TIME_ELEMENTS)[number]

/**
 * Which ISO 22400-2 time element a stretch of time is, from the machine's state and what the
 * plan said then (domain.md §1.3, the OPC UA MachineTool mapping [S2] as the default):
 *
 * | state \ plan  | shift          | break | non_scheduled  |
 * | running       | APT            | APT   | APT            |
 * | setup         | ASUT           | ASUT  | ASUT           |
 * | down          | ADET           | PDT   | non-scheduled  |
 * | idle          | ADOT           | PDT   | non-scheduled  |
 * | planned_stop  | PDT            | PDT   | non-scheduled  |
 * | off           | non-scheduled  | ...   | non-scheduled  |
 * | unknown       | unknown        | ...   | unknown        |
 *
 * Why: time the unit is actually used (running, setup) is busy time wherever it falls, so a mill
 * that weaves through the lunch break or on a Sunday gets the credit and availability never
 * exceeds 1; a machine standing still when nothing was planned is no loss (ISO: non-scheduled
 * time is outside every KPI denominator); `off` is non-scheduled by the wire contract's
 * definition (DESIGN.md: planned production time excludes planned_stop and off).
 */
export function timeElementOf(state: TimelineState, plan: PlanKind): TimeElement {
  switch (state) {
    case 'running':
      return 'aptMs'
    case 'setup':
      return 'asutMs'
    case 'off':
      return 'nonScheduledMs'
    case 'unknown':
      return 'unknownMs'
    case 'planned_stop':
      return plan === 'non_scheduled' ? 'nonScheduledMs' : 'pdtMs'
    case 'down':
      return plan === 'shift' ? 'adetMs' : plan === 'break' ? 'pdtMs' : 'nonScheduledMs'
    case 'idle':
      return plan === 'shift' ? 'adotMs' : plan === 'break' ? 'pdtMs' : 'nonScheduledMs'
  }
}

/** Non-running time inside POT, whose reason codes score D6 measures. */
export function isPlannedNonRunning(element: TimeElement): boolean {
  return element === 'asutMs' || element === 'adetMs' || element === 'adotMs' || element === 'pdtMs'
}
