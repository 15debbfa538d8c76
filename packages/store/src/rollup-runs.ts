import { localWindows, type Interval } from '@millstream/metrics'

/** A stretch of whole hours read from one source: the line/plant roll-up or the machines' hours. */
export interface HourRun {
  range: Interval
  rolledUp: boolean
}

/**
 * Splits whole local hours into runs of hours that have a roll-up and runs that do not (history
 * from before the roll-up stage, or an hour the stage has not reached yet): the first are read
 * from `line_hour` / `plant_hour`, the others from `machine_hour`, so a missing roll-up falls back
 * and never reads as zero. More than `maxRuns` runs (a plant that stops every night before the
 * stage existed) reads the whole stretch from the machines: one query instead of many.
 */
export function hourRuns(hours: Interval, timeZone: string, rolledUp: ReadonlySet<number>, maxRuns = 8): HourRun[] {
  const runs: HourRun[] = []
  for (const h of localWindows(hours, 'hour', timeZone)) {
    const has = rolledUp.has(h.startMs)
    const last = runs.at(-1)
    if (last && last.rolledUp === has) last.range = { startMs: last.range.startMs, endMs: h.endMs }
    else runs.push({ range: h, rolledUp: has })
  }
  return runs.length > maxRuns ? [{ range: hours, rolledUp: false }] : runs
}
