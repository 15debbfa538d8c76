import { INTEGER_FIELDS, MEASUREMENTS } from '@millstream/contract'
import { encodeLine, seriesKey } from '../engine/line-protocol.ts'

/** Sums per group (the group's tag values as a JSON array) and field, as the store returns them. */
export type GroupSums = ReadonlyMap<string, Readonly<Record<string, number>>>

/** The points of one plant hour's roll-up: lines and stops first, the plant hour (the presence mark) last. */
export interface RollupPoints {
  lines: string[]
  plant: string[]
}

const tagsOf = (key: string): string[] => JSON.parse(key) as string[]

/** Adds `from` into `into` field by field. */
function addInto(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [field, value] of Object.entries(from)) into[field] = (into[field] ?? 0) + value
}

/**
 * Line protocol of a plant hour's line and plant roll-ups from the machines' hour sums by line
 * (and stop sums by line and reason). The plant's sums add the lines in id order, so the same
 * machine hours always give the same bits. Pure.
 */
export function rollupPoints(o: { firm: string; plant: string; hourStartMs: number; lines: GroupSums; stops: GroupSums }): RollupPoints {
  const timeS = o.hourStartMs / 1000
  const base = { firm: o.firm, plant: o.plant }
  const lines: string[] = []
  const plantFields: Record<string, number> = {}
  for (const key of [...o.lines.keys()].sort()) {
    const [line = ''] = tagsOf(key)
    const fields = o.lines.get(key) as Readonly<Record<string, number>>
    lines.push(encodeLine(seriesKey(MEASUREMENTS.lineHour, { ...base, line }), fields, INTEGER_FIELDS, timeS))
    addInto(plantFields, fields)
  }
  const plantStops = new Map<string, Record<string, number>>()
  for (const key of [...o.stops.keys()].sort()) {
    const [line = '', reason = ''] = tagsOf(key)
    const fields = o.stops.get(key) as Readonly<Record<string, number>>
    lines.push(encodeLine(seriesKey(MEASUREMENTS.lineStopHour, { ...base, line, reason }), fields, INTEGER_FIELDS, timeS))
    addInto(plantStops.get(reason) ?? plantStops.set(reason, {}).get(reason) as Record<string, number>, fields)
  }
  const plant = [...plantStops.keys()].sort().map((reason) => encodeLine(seriesKey(MEASUREMENTS.plantStopHour, { ...base, reason }), plantStops.get(reason) as Record<string, number>, INTEGER_FIELDS, timeS))
  if (Object.keys(plantFields).length > 0) plant.push(encodeLine(seriesKey(MEASUREMENTS.plantHour, base), plantFields, INTEGER_FIELDS, timeS))
  return { lines, plant }
}
