import { localWindows, type Interval } from '@millstream/metrics'
import type { InfluxWriter } from '../influx/influx-writer.ts'
import { rollupPoints, type GroupSums } from './rollup-points.ts'

/** What the stage reads: one plant hour's machine hours summed by line (@millstream/store machineHourSums). */
export interface HourSumsSource {
  machineHourSums(q: { firm: string; plant: string; hourStartMs: number }): Promise<{ lines: GroupSums; stops: GroupSums }>
}

/**
 * Sums one plant hour's machine hours again and writes its line and plant roll-ups. Idempotent:
 * it reads what InfluxDB holds now and overwrites the roll-up points, so running it twice, or
 * after a later write of the same hour, leaves the sum of the machines' last values. The plant
 * hour is written after the lines and stops: a reader that finds it finds them.
 */
export async function rollupHour(o: { source: HourSumsSource; writer: InfluxWriter; firm: string; plant: string; hourStartMs: number }): Promise<number> {
  const sums = await o.source.machineHourSums({ firm: o.firm, plant: o.plant, hourStartMs: o.hourStartMs })
  const points = rollupPoints({ firm: o.firm, plant: o.plant, hourStartMs: o.hourStartMs, ...sums })
  if (points.lines.length > 0) await o.writer.write(points.lines)
  if (points.plant.length > 0) await o.writer.write(points.plant)
  return points.lines.length + points.plant.length
}

/** What a backfill reads: a range's machine hours summed by line, per hour (@millstream/store machineHourSumsByHour). */
export interface HourRangeSource {
  machineHourSumsByHour(q: { firm: string; plant: string; range: Interval }): Promise<Map<number, { lines: GroupSums; stops: GroupSums }>>
}

/**
 * Rolls up every hour of a range that has machine hours: the backfill of history written before
 * the roll-up stage ran (the store reads such hours from the machines until then), and the way
 * benchmarks and tests build roll-ups of points they wrote themselves. One query per local day
 * (the sums grouped by hour), then the same points the stage writes, plant hours last.
 */
export async function rollupRange(o: { source: HourRangeSource; writer: InfluxWriter; firm: string; plant: string; timeZone: string; range: Interval; skipHours?: ReadonlySet<number> }): Promise<number> {
  let written = 0
  for (const day of localWindows(o.range, 'day', o.timeZone)) {
    const byHour = await o.source.machineHourSumsByHour({ firm: o.firm, plant: o.plant, range: { startMs: Math.max(day.startMs, o.range.startMs), endMs: Math.min(day.endMs, o.range.endMs) } })
    const points = [...byHour].filter(([hourMs]) => !o.skipHours?.has(hourMs)).map(([hourStartMs, sums]) => rollupPoints({ firm: o.firm, plant: o.plant, hourStartMs, ...sums }))
    const lines = points.flatMap((p) => p.lines)
    const plants = points.flatMap((p) => p.plant)
    if (lines.length > 0) await o.writer.write(lines)
    if (plants.length > 0) await o.writer.write(plants)
    written += lines.length + plants.length
  }
  return written
}
