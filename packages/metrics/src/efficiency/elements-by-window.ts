import type { ApportionOptions } from '../counters/apportion.ts'
import type { CumulativeOptions } from '../counters/cumulative-deltas.ts'
import { productionByWindow, type CountSample } from '../counters/production-by-window.ts'
import { checkWindows, positive } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import type { PlanSegment } from '../time/plan-segments.ts'
import type { StateChange } from '../timeline/machine-state.ts'
import { stateEpisodes } from '../timeline/state-episodes.ts'
import type { TimelineOptions } from '../timeline/state-segments.ts'
import { elementSegments } from './element-segments.ts'
import { checkUnit } from './check-elements.ts'
import type { CountUnit, EfficiencyElements } from './elements.ts'
import { elementsOf } from './machine-elements.ts'

export type { CountSample } from '../counters/production-by-window.ts'

export interface MachineSeriesInput {
  /** State messages: the last one before the first window and all up to the last window's end. */
  changes: readonly StateChange[]
  /** Count messages: the last one before the first window, all inside, and the first after, if known. */
  counts?: readonly CountSample[]
  /** Disjoint windows, e.g. the minutes of an hour. */
  windows: readonly Interval[]
  timeline: TimelineOptions
  plan?: readonly PlanSegment[]
  unit: CountUnit
  idealRatePerMin: number
  counter?: CumulativeOptions & ApportionOptions
  /** Good output carried in from before the first window (productionByWindow). */
  goodCarryInQty?: number
}

/**
 * The elements of one machine for each window, the way the aggregator needs them per minute: the
 * timeline is built once over the whole span and cut at window edges; counter deltas follow the
 * counters' rules (resets, rollover, plausibility, even spread between readings). A window's good
 * count is measured only if the device sent `good`; otherwise quality is reported as not measured;
 * good is never above produced in a window, the excess carried to later windows (carryGood).
 */
export function machineElementsByWindow(input: MachineSeriesInput): EfficiencyElements[] {
  checkWindows(input.windows)
  checkUnit('unit', input.unit)
  positive('idealRatePerMin', input.idealRatePerMin)
  if (input.windows.length === 0) return []
  const span = { startMs: Math.min(...input.windows.map((w) => w.startMs)), endMs: Math.max(...input.windows.map((w) => w.endMs)) }
  const segments = elementSegments({ changes: input.changes, window: span, timeline: input.timeline, plan: input.plan })
  const episodes = stateEpisodes(input.changes, span)
  const counts = input.counts ?? []
  const { producedQty: produced, goodQty: good } = productionByWindow(counts, input.windows, { ...input.counter, ...(input.goodCarryInQty === undefined ? {} : { goodCarryInQty: input.goodCarryInQty }) })
  return input.windows.map((w, i) => {
    const inWindow = segments.flatMap((s) => {
      const startMs = Math.max(s.startMs, w.startMs)
      const endMs = Math.min(s.endMs, w.endMs)
      return endMs > startMs ? [{ ...s, startMs, endMs }] : []
    })
    const production = counts.length > 0 ? { unit: input.unit, producedQty: produced[i] as number, goodQty: good ? (good[i] as number) : null, idealRatePerMin: input.idealRatePerMin } : undefined
    return elementsOf(inWindow, episodes.filter((e) => e.tsMs >= w.startMs && e.tsMs < w.endMs), production)
  })
}
