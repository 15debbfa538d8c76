import { stateEpisodes, type StateEpisode } from '../timeline/state-episodes.ts'
import { elementSegments, type ElementSegment, type ElementTimelineInput } from './element-segments.ts'
import { emptyElements, type CountUnit, type EfficiencyElements } from './elements.ts'
import { interval, isInterval } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { checkProduction, finiteElements } from './check-elements.ts'
import { isPlannedNonRunning, TIME_ELEMENTS } from './time-element.ts'

/** Production of one machine in the window, from its counter deltas (counters/). */
export interface WindowProduction {
  unit: CountUnit
  producedQty: number
  /** Good quantity; omitted or null when the machine does not count good output. */
  goodQty?: number | null
  /** Ideal rate at 100 % speed (registry `idealRatePerMin`); PRU = 1 / rate. */
  idealRatePerMin: number
}

export interface MachineWindowInput extends ElementTimelineInput {
  production?: WindowProduction
}

const STOP_REASON_NONE = 'unspecified'

/** ISO 22400-2 elements of one machine over one window. */
export function machineElements(input: MachineWindowInput): EfficiencyElements {
  return elementsOf(elementSegments(input), stateEpisodes(input.changes, input.window), input.production)
}

/** Elements from a window's element segments, the episodes that began in it, and its production. */
export function elementsOf(segments: readonly ElementSegment[], episodes: readonly StateEpisode[], production?: WindowProduction): EfficiencyElements {
  segments.forEach((s, i) => {
    if (isInterval(s) && ELEMENTS.has(s.element)) return
    interval(`segments[${i}]`, s)
    if (!ELEMENTS.has(s.element)) throw new MetricsInputError(`segments[${i}].element`, `must be one of ${TIME_ELEMENTS.join(', ')}`, s.element)
  })
  if (production) checkProduction('production', production)
  return finiteElements('production', tally(segments, episodes, production))
}

const ELEMENTS = new Set<unknown>(TIME_ELEMENTS)

function tally(segments: readonly ElementSegment[], episodes: readonly StateEpisode[], production?: WindowProduction): EfficiencyElements {
  const e = emptyElements()
  for (const segment of segments) addTime(e, segment)
  for (const episode of episodes) {
    if (episode.state !== 'down') continue
    const tally = (e.stops[episode.reason ?? STOP_REASON_NONE] ??= { count: 0, durationMs: 0 })
    tally.count += 1
  }
  if (production) addProduction(e, production)
  return e
}

function addTime(e: EfficiencyElements, segment: ElementSegment): void {
  const ms = segment.endMs - segment.startMs
  e[segment.element] += ms
  if (segment.reason !== undefined && isPlannedNonRunning(segment.element)) e.reasonedMs += ms
  if (segment.state === 'down') {
    const tally = (e.stops[segment.reason ?? STOP_REASON_NONE] ??= { count: 0, durationMs: 0 })
    tally.durationMs += ms
  }
}

function addProduction(e: EfficiencyElements, p: WindowProduction): void {
  const pruMs = 60_000 / p.idealRatePerMin
  const produced = Math.max(0, p.producedQty)
  e.producedQty[p.unit] = produced
  e.idealProducedMs = produced * pruMs
  if (p.goodQty === undefined || p.goodQty === null) return
  // Callers carry good that out-counts the window's output to later windows (carryGood); the cap
  // only guards a caller that passes raw deltas.
  const good = Math.min(Math.max(0, p.goodQty), produced)
  e.inspectedQty[p.unit] = produced
  e.goodQty[p.unit] = good
  e.idealInspectedMs = produced * pruMs
  e.idealGoodMs = good * pruMs
}
