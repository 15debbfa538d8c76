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

/**
 * Rolls up every local hour of a range, a few at a time: the backfill of history written before
 * the roll-up stage ran (the store reads such hours from the machines until then), and the way
 * benchmarks and tests build roll-ups of points they wrote themselves.
 */
export async function rollupRange(o: { source: HourSumsSource; writer: InfluxWriter; firm: string; plant: string; timeZone: string; range: Interval; concurrency?: number }): Promise<number> {
  const hours = localWindows(o.range, 'hour', o.timeZone)
  let written = 0
  for (let i = 0; i < hours.length; i += o.concurrency ?? 4) {
    const counts = await Promise.all(hours.slice(i, i + (o.concurrency ?? 4)).map((h) => rollupHour({ ...o, hourStartMs: h.startMs })))
    written += counts.reduce((a, b) => a + b, 0)
  }
  return written
}
