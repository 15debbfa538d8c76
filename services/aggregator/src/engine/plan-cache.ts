import type { ShiftCalendar } from '@millstream/contract'
import { localWindow, planSegments, type Interval, type PlanSegment } from '@millstream/metrics'

export interface PlanCache {
  /** The plan segments (shift, break, non-scheduled) that overlap `window`, from the plant's calendar. */
  segments(plantKey: string, calendar: ShiftCalendar, timeZone: string, window: Interval): PlanSegment[]
}

interface DayPlan {
  day: Interval
  plan: PlanSegment[]
}

/**
 * planSegments for a whole local day at a time, cut to each minute: a minute's plan is the same
 * whether it is asked for alone or as part of its day (the calendar is cut at the same instants).
 */
export function createPlanCache(maxDaysPerPlant = 8): PlanCache {
  const plants = new Map<string, DayPlan[]>()
  const dayPlan = (plantKey: string, calendar: ShiftCalendar, timeZone: string, tsMs: number): DayPlan => {
    const cached = plants.get(plantKey) ?? []
    const hit = cached.find((d) => d.day.startMs <= tsMs && tsMs < d.day.endMs)
    if (hit) return hit
    const day = localWindow(tsMs, 'day', timeZone)
    const entry = { day, plan: planSegments(day, calendar, timeZone) }
    plants.set(plantKey, [entry, ...cached].slice(0, maxDaysPerPlant))
    return entry
  }
  return {
    segments(plantKey, calendar, timeZone, window) {
      const result: PlanSegment[] = []
      for (let t = window.startMs; t < window.endMs; ) {
        const { day, plan } = dayPlan(plantKey, calendar, timeZone, t)
        const endMs = Math.min(window.endMs, day.endMs)
        for (const p of plan) {
          const startMs = Math.max(p.startMs, t)
          const to = Math.min(p.endMs, endMs)
          if (to > startMs) result.push({ ...p, startMs, endMs: to })
        }
        t = endMs
      }
      return result
    },
  }
}
