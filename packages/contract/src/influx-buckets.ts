import { MEASUREMENTS, SCORE_MEASUREMENTS } from './influx-schema.ts'

/**
 * The two InfluxDB buckets (issue 17, docs/operations.md "Retention"): InfluxDB sets retention per
 * bucket, so the minute tier (kept 90 days by default) and the long-lived tier (hour roll-ups and
 * scores, the platform's history: 5 years by default) live in buckets of their own. One deployment
 * may name the same bucket twice: then everything is in one bucket, as before.
 */
export interface InfluxBuckets {
  minutes: string
  rollups: string
}
export type InfluxTier = keyof InfluxBuckets

/** The long-lived tier: every hour roll-up and every score measurement. Anything else is a minute-tier measurement. */
export const ROLLUP_TIER_MEASUREMENTS: ReadonlySet<string> = new Set<string>([
  MEASUREMENTS.machineHour,
  MEASUREMENTS.machineStopHour,
  MEASUREMENTS.meterHour,
  MEASUREMENTS.lineHour,
  MEASUREMENTS.lineStopHour,
  MEASUREMENTS.plantHour,
  MEASUREMENTS.plantStopHour,
  MEASUREMENTS.processHour,
  ...Object.values(SCORE_MEASUREMENTS),
])

/** The tier a measurement belongs to: the one place that decides where a measurement is written and read. */
export function tierOf(measurement: string): InfluxTier {
  return ROLLUP_TIER_MEASUREMENTS.has(measurement) ? 'rollups' : 'minutes'
}

/** The bucket that holds a measurement. */
export function bucketOf(buckets: InfluxBuckets, measurement: string): string {
  return buckets[tierOf(measurement)]
}

/** The measurement of a line-protocol line: up to the first unescaped comma or space. */
export function measurementOfLine(line: string): string {
  // A scan, not a regular expression: the aggregator asks this of every line it writes.
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c === BACKSLASH) i++
    else if (c === COMMA || c === SPACE) return line.slice(0, i)
  }
  return line
}
const BACKSLASH = 92
const COMMA = 44
const SPACE = 32

/** Line-protocol lines grouped by the bucket that holds their measurement, in their order. */
export function linesByBucket(buckets: InfluxBuckets, lines: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const line of lines) {
    const bucket = bucketOf(buckets, measurementOfLine(line))
    const list = out.get(bucket)
    if (list) list.push(line)
    else out.set(bucket, [line])
  }
  return out
}
