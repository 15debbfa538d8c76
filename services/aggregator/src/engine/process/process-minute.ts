import { gaugeMean, mergeGaugeSummaries, summarizeGauge, type GaugeSummary } from '@millstream/metrics'
import type { ProcessProfile } from './process-profile.ts'
import type { ProcessReading } from './process-state.ts'

/** A minute's (or hour's) fields of one gauge: PROCESS_FIELDS of the contract. */
export function gaugeFields(s: GaugeSummary): Record<string, number> {
  return { min: s.minValue, mean: gaugeMean(s), max: s.maxValue, count: s.count, out_of_range: s.outOfRange }
}

/** Each declared gauge's summary over the readings of one minute (gauges without readings are absent). */
export function summarizeMinute(readings: readonly ProcessReading[], profile: ProcessProfile): Map<string, GaugeSummary> {
  const byGauge = new Map<string, number[]>()
  for (const r of readings) {
    for (const [gauge, value] of Object.entries(r.values)) {
      // A gauge the registry no longer declares (the registry changed since ingest) is not written.
      if (profile.gauges[gauge] === undefined) continue
      const list = byGauge.get(gauge)
      if (list) list.push(value)
      else byGauge.set(gauge, [value])
    }
  }
  const out = new Map<string, GaugeSummary>()
  for (const gauge of [...byGauge.keys()].sort()) {
    const spec = profile.gauges[gauge] as { min: number; max: number }
    const summary = summarizeGauge(byGauge.get(gauge) as number[], spec)
    if (summary) out.set(gauge, summary)
  }
  return out
}

/** Adds a final minute's summaries to its hour's, in place. */
export function addMinuteToHour(hour: { gauges: Record<string, GaugeSummary>; minutes: Record<string, number> }, minute: ReadonlyMap<string, GaugeSummary>): void {
  for (const [gauge, s] of minute) {
    const prev = hour.gauges[gauge]
    hour.gauges[gauge] = prev ? mergeGaugeSummaries(prev, s) : s
    hour.minutes[gauge] = (hour.minutes[gauge] ?? 0) + 1
  }
}
