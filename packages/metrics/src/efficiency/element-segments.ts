import type { Interval } from '../time/interval.ts'
import { interval, isInterval } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { PLAN_KINDS, type PlanKind, type PlanSegment } from '../time/plan-segments.ts'
import type { StateChange } from '../timeline/machine-state.ts'
import { stateSegments, type StateSegment, type TimelineOptions } from '../timeline/state-segments.ts'
import { timeElementOf, type TimeElement } from './time-element.ts'

/** A stretch of one state under one plan kind, and the ISO element it makes. */
export interface ElementSegment extends StateSegment {
  plan: PlanKind
  element: TimeElement
}

export interface ElementTimelineInput {
  /** State messages: the last one before the window and all inside it. */
  changes: readonly StateChange[]
  window: Interval
  timeline: TimelineOptions
  /** Disjoint plan segments (planSegments()); time they do not cover counts as `shift`. */
  plan?: readonly PlanSegment[]
}

/** The machine's timeline cut at plan boundaries, each piece labelled with its time element. */
export function elementSegments(input: ElementTimelineInput): ElementSegment[] {
  const result: ElementSegment[] = []
  for (const [i, p] of (input.plan ?? []).entries()) {
    if (!isInterval(p)) interval(`plan[${i}]`, p)
    if (!(PLAN_KINDS as readonly unknown[]).includes(p.kind)) throw new MetricsInputError(`plan[${i}].kind`, `must be one of ${PLAN_KINDS.join(', ')}`, p.kind)
  }
  const plan = [...(input.plan ?? [])].sort((a, b) => a.startMs - b.startMs)
  for (const segment of stateSegments(input.changes, input.window, input.timeline)) {
    let cursor = segment.startMs
    for (const p of plan) {
      const startMs = Math.max(segment.startMs, p.startMs)
      const endMs = Math.min(segment.endMs, p.endMs)
      if (endMs <= startMs) continue
      if (startMs > cursor) result.push(label(segment, cursor, startMs, 'shift'))
      result.push(label(segment, startMs, endMs, p.kind))
      cursor = endMs
    }
    if (cursor < segment.endMs) result.push(label(segment, cursor, segment.endMs, 'shift'))
  }
  return result
}

function label(segment: StateSegment, startMs: number, endMs: number, plan: PlanKind): ElementSegment {
  return { ...segment, startMs, endMs, plan, element: timeElementOf(segment.state, plan) }
}
