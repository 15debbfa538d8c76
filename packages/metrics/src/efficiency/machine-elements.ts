import type { Interval } from '../time/interval.ts'
import type { PlanKind, PlanSegment } from '../time/plan-segments.ts'
import type { StateChange } from '../timeline/machine-state.ts'
import { stateEpisodes } from '../timeline/state-episodes.ts'
import { stateSegments, type StateSegment, type TimelineOptions } from '../timeline/state-segments.ts'
import { emptyElements, type CountUnit, type EfficiencyElements } from './elements.ts'
import { isPlannedNonRunning, timeElementOf } from './time-element.ts'

/** Production of one machine in the window, from its counter deltas (counters/). */
export interface WindowProduction {
  unit: CountUnit
  producedQty: number
  /** Good quantity; omitted or null when the machine does not count good output. */
  goodQty?: number | null
  /** Ideal rate at 100 % speed (registry `idealRatePerMin`); PRU = 1 / rate. */
  idealRatePerMin: number
}

export interface MachineWindowInput {
  /** State messages: the last one before the window and all inside it. */
  changes: readonly StateChange[]
  window: Interval
  timeline: TimelineOptions
  /** Plan segments (planSegments()); time they do not cover counts as `shift`. */
  plan?: readonly PlanSegment[]
  production?: WindowProduction
}

const STOP_REASON_NONE = 'unspecified'

/** ISO 22400-2 elements of one machine over one window. */
export function machineElements(input: MachineWindowInput): EfficiencyElements {
  const e = emptyElements()
  for (const segment of stateSegments(input.changes, input.window, input.timeline)) {
    for (const [plan, ms] of planOverlaps(segment, input.plan ?? [])) addTime(e, segment, plan, ms)
  }
  for (const episode of stateEpisodes(input.changes, input.window)) {
    if (episode.state !== 'down') continue
    const tally = (e.stops[episode.reason ?? STOP_REASON_NONE] ??= { count: 0, durationMs: 0 })
    tally.count += 1
  }
  if (input.production) addProduction(e, input.production)
  return e
}

function addTime(e: EfficiencyElements, segment: StateSegment, plan: PlanKind, ms: number): void {
  const element = timeElementOf(segment.state, plan)
  e[element] += ms
  if (segment.reason !== undefined && isPlannedNonRunning(element)) e.reasonedMs += ms
  if (segment.state === 'down') {
    const tally = (e.stops[segment.reason ?? STOP_REASON_NONE] ??= { count: 0, durationMs: 0 })
    tally.durationMs += ms
  }
}

/** How a state segment's time divides among plan kinds; uncovered time is `shift`. */
function planOverlaps(segment: Interval, plan: readonly PlanSegment[]): [PlanKind, number][] {
  const parts: [PlanKind, number][] = []
  let coveredMs = 0
  for (const p of plan) {
    const ms = Math.min(segment.endMs, p.endMs) - Math.max(segment.startMs, p.startMs)
    if (ms > 0) {
      parts.push([p.kind, ms])
      coveredMs += ms
    }
  }
  const restMs = segment.endMs - segment.startMs - coveredMs
  if (restMs > 0) parts.push(['shift', restMs])
  return parts
}

function addProduction(e: EfficiencyElements, p: WindowProduction): void {
  const pruMs = 60_000 / p.idealRatePerMin
  const produced = Math.max(0, p.producedQty)
  e.producedQty[p.unit] = produced
  e.idealProducedMs = produced * pruMs
  if (p.goodQty === undefined || p.goodQty === null) return
  // A good counter cannot out-count the total; if it does (a reset seen on one register only), cap it.
  const good = Math.min(Math.max(0, p.goodQty), produced)
  e.inspectedQty[p.unit] = produced
  e.goodQty[p.unit] = good
  e.idealInspectedMs = produced * pruMs
  e.idealGoodMs = good * pruMs
}
