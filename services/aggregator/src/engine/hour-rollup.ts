import { addToRollup, localWindowStart } from '@millstream/metrics'
import type { DeviceProfile } from './device-profile.ts'
import type { DeviceState, HourAccumulator } from './device-state.ts'
import type { EmissionSink } from './emission.ts'
import { encodeLine } from './line-protocol.ts'
import { INTEGER_FIELDS } from './measurements.ts'
import type { MinuteValues } from './minute-values.ts'
import { pointsIdentity } from './point-identity.ts'

export const HOUR_MS = 3_600_000

/** The last local hour found per time zone: most minutes a partition finalizes fall in it. */
const lastHourByZone = new Map<string, number>()

/** Start of the plant-local hour holding `minuteMs` (half-hour zones start hours at :30 UTC). */
export function hourOf(minuteMs: number, timeZone: string): number {
  const last = lastHourByZone.get(timeZone)
  if (last !== undefined && last <= minuteMs && minuteMs < last + HOUR_MS) return last
  const startMs = localWindowStart(minuteMs, 'hour', timeZone)
  lastHourByZone.set(timeZone, startMs)
  return startMs
}

/**
 * Adds a final minute to its hour by the metrics package's rollup rule (sums; peak rates: the
 * highest), stops by reason, and the number of minutes. The hour point is the sum of its final minutes only, so its last value is
 * the sum of the minutes' last values whatever the order and timing of the writes.
 */
export function addToHour(state: DeviceState, hourMs: number, values: MinuteValues): void {
  let acc = state.hours.get(hourMs)
  if (!acc) {
    acc = { fields: {}, stops: {}, minutes: 0, hash: null }
    state.hours.set(hourMs, acc)
  }
  addToRollup(acc.fields, values.fields)
  for (const [reason, s] of Object.entries(values.stops)) {
    const into = (acc.stops[reason] ??= { count: 0, downS: 0 })
    into.count += s.count
    into.downS += s.downS
  }
  acc.minutes += 1
}

/** Writes the hour's points if they differ from what was last written for it. */
export function emitHour(profile: DeviceProfile, hourMs: number, acc: HourAccumulator, sink: EmissionSink): void {
  const timeS = hourMs / 1000
  const points: [string, string][] = [[`${profile.series.hour} ${timeS}`, encodeLine(profile.series.hour, { ...acc.fields, minutes: acc.minutes }, INTEGER_FIELDS, timeS)]]
  for (const reason of Object.keys(acc.stops).sort()) {
    const s = acc.stops[reason] as { count: number; downS: number }
    const series = profile.stopSeries(reason, true)
    points.push([`${series} ${timeS}`, encodeLine(series, { count: s.count, down_s: s.downS }, INTEGER_FIELDS, timeS)])
  }
  const hash = pointsIdentity(points.map((p) => p[1]))
  if (hash === acc.hash) return
  for (const [key, line] of points) sink.point(key, line)
  if (profile.kind === 'machine') sink.machineHours({ v: 1, firm: profile.firm, plant: profile.plant, hourStartMs: hourMs })
  acc.hash = hash
}
