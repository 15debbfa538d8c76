import type { ApportionOptions } from '../counters/apportion.ts'
import type { CumulativeOptions } from '../counters/cumulative-deltas.ts'
import { lumpedDeltas } from '../counters/lump-long-intervals.ts'
import { productionByWindow, type CountSample, type WindowCounts } from '../counters/production-by-window.ts'
import { checkWindows, positive } from '../input/check-number.ts'
import type { Interval } from '../time/interval.ts'
import type { PlanSegment } from '../time/plan-segments.ts'
import type { StateChange, StateDurations } from '../timeline/machine-state.ts'
import { sumSegments } from '../timeline/split-durations.ts'
import { stateEpisodes } from '../timeline/state-episodes.ts'
import type { TimelineOptions } from '../timeline/state-segments.ts'
import { elementSegments, type ElementSegment } from './element-segments.ts'
import { checkUnit } from './check-elements.ts'
import type { CountUnit, EfficiencyElements } from './elements.ts'
import { elementsOf } from './machine-elements.ts'
import { batchCredit, type BatchCarry, type BatchCredit } from './batch-credit.ts'

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
 * Output lumped from a gap longer than the counter's spread is production but not performance
 * (creditKnownOutput).
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
  const { producedQty: produced, goodQty: good, totalIntervals } = productionByWindow(counts, input.windows, { ...input.counter, ...(input.goodCarryInQty === undefined ? {} : { goodCarryInQty: input.goodCarryInQty }) })
  const lumped = lumpedOutput(totalIntervals, input.windows, input.counter)
  return input.windows.map((w, i) => {
    const inWindow = segments.flatMap((s) => {
      const startMs = Math.max(s.startMs, w.startMs)
      const endMs = Math.min(s.endMs, w.endMs)
      return endMs > startMs ? [{ ...s, startMs, endMs }] : []
    })
    const production = counts.length > 0 ? { unit: input.unit, producedQty: produced[i] as number, goodQty: good ? (good[i] as number) : null, idealRatePerMin: input.idealRatePerMin } : undefined
    return creditKnownOutput(elementsOf(inWindow, episodes.filter((e) => e.tsMs >= w.startMs && e.tsMs < w.endMs), production), lumped?.[i] ?? 0, input)
  })
}

/**
 * A continuous machine's performance credits only output whose run time is known. A delta over a
 * gap longer than the counter's `maxSpreadMs` is lumped whole into the window its later reading
 * closes (the counters' rule), but the run time that made it is not in that window: a loom silent
 * for five hours would credit five hours of picks against one minute's run time (P 34 000 %).
 * That output stays production (produced, good, `idealProducedMs`) and is left out of
 * `creditedIdealMs`, as a batch of unknown time is (§4.3); `creditedAptMs` is the window's APT.
 * A window with no lumped output keeps its elements as they were (no credited fields).
 */
function creditKnownOutput(e: EfficiencyElements, lumpedQty: number, o: { unit: CountUnit; idealRatePerMin: number }): EfficiencyElements {
  if (lumpedQty <= 0) return e
  const creditedQty = Math.max(0, (e.producedQty[o.unit] ?? 0) - lumpedQty)
  return { ...e, creditedAptMs: e.aptMs, creditedIdealMs: (creditedQty * 60_000) / o.idealRatePerMin }
}

/** Per window, the output lumped from gaps longer than the counter's spread; null when it spreads every gap. */
function lumpedOutput(intervals: WindowCounts['totalIntervals'], windows: readonly Interval[], counter: MachineSeriesInput['counter']): number[] | null {
  return counter?.maxSpreadMs === undefined ? null : lumpedDeltas(intervals, windows, counter.maxSpreadMs)
}

export interface MachineWindowSeries extends Omit<MachineSeriesInput, 'windows'> {
  window: Interval
  /** A batch machine (registry `batchQty`): its performance is credited per batch (batchCredit), from this carry. */
  batch?: { carryIn: BatchCarry }
}

/** One window of one machine, with the parts of the computation a caller also needs. */
export interface MachineWindow {
  /** What machineElementsByWindow gives for this window alone. */
  elements: EfficiencyElements
  /** The element timeline of the window (for idleEnergy). */
  segments: ElementSegment[]
  /** Time per state: what splitDurations gives (the element pieces tile each state's segment). */
  durations: StateDurations
  /** The counts' production (register intervals, good carried out) for this window. */
  production: WindowCounts
  /** Batch machines: the credit of the window (also in the elements' credited fields) and the carry into the next. */
  batch?: BatchCredit
}

/**
 * One window (the aggregator's minute) from one element timeline and one pass over the counts:
 * the elements, the state durations and the production, each as its own function would give it.
 */
export function machineWindow(input: MachineWindowSeries): MachineWindow {
  checkWindows([input.window])
  checkUnit('unit', input.unit)
  positive('idealRatePerMin', input.idealRatePerMin)
  const segments = elementSegments({ changes: input.changes, window: input.window, timeline: input.timeline, plan: input.plan })
  const counts = input.counts ?? []
  const production = productionByWindow(counts, [input.window], { ...input.counter, ...(input.goodCarryInQty === undefined ? {} : { goodCarryInQty: input.goodCarryInQty }) })
  const windowProduction = counts.length > 0 ? { unit: input.unit, producedQty: production.producedQty[0] as number, goodQty: production.goodQty ? (production.goodQty[0] as number) : null, idealRatePerMin: input.idealRatePerMin } : undefined
  const elements = elementsOf(segments, stateEpisodes(input.changes, input.window), windowProduction)
  const base = { segments, durations: sumSegments(segments), production }
  if (!input.batch) return { elements: creditKnownOutput(elements, lumpedOutput(production.totalIntervals, [input.window], input.counter)?.[0] ?? 0, input), ...base }
  const batch = batchCredit({
    window: input.window, segments, intervals: production.totalIntervals, idealRatePerMin: input.idealRatePerMin, carryIn: input.batch.carryIn,
    ...(input.counter?.maxSpreadMs === undefined ? {} : { maxSpreadMs: input.counter.maxSpreadMs }),
  })
  return { elements: { ...elements, creditedAptMs: batch.creditedAptMs, creditedIdealMs: batch.creditedIdealMs }, ...base, batch }
}
