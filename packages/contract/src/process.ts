import { z } from 'zod'
import { idSchema } from './ids.ts'

/**
 * The `process` channel (issue 16, docs/process-gauges.md): instantaneous gauges of a machine or a
 * hall sensor (temperature, relative humidity, speed, pressure, liquor ratio, ...). Unlike counters
 * and meters a gauge is not cumulative: a reading holds for its instant, and a minute gets the
 * minimum, mean and maximum of its readings.
 */

/** A gauge's name: what the device calls it in `values` and the `gauge` tag in InfluxDB. */
export const GAUGE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,31}$/
export const gaugeNameSchema = z.string().regex(GAUGE_NAME_PATTERN, 'gauge name must match [a-z][a-z0-9_]{0,31}')

/** At most this many gauges in one process message (a message with more is a schema violation). */
export const PROCESS_MAX_GAUGES = 32
/**
 * Largest magnitude of a reading: no gauge of a mill reads beyond it, and with it the sum of a
 * minute's or an hour's readings (for their mean) stays far inside a double's range.
 */
export const PROCESS_MAX_ABS_VALUE = 1e12
/** A reading: a finite number (zod refuses NaN and ±Infinity) of at most PROCESS_MAX_ABS_VALUE. */
export const gaugeReadingSchema = z.number().min(-PROCESS_MAX_ABS_VALUE).max(PROCESS_MAX_ABS_VALUE)

/**
 * One gauge as the registry declares it: its unit and its plausible range [min, max]. A reading
 * outside the range is accepted and counted, and reported as a data-quality event: a humidity of
 * 95 %RH in a ring hall is a broken sensor or a broken humidification plant, either worth knowing.
 */
export const gaugeSpecSchema = z
  .object({
    unit: z.string().min(1).max(16).describe('Unit of the readings, e.g. %RH, °C, kPa, m/min, rpm.'),
    min: z.number().describe('Lowest plausible reading.'),
    max: z.number().describe('Highest plausible reading.'),
    label: z.string().min(1).optional().describe('What the gauge measures, for people.'),
  })
  .refine((g) => g.min < g.max, { message: 'min must be below max', path: ['max'] })
export type GaugeSpec = z.infer<typeof gaugeSpecSchema>

/** A device's gauges by name. */
export const gaugesSchema = z
  .record(gaugeNameSchema, gaugeSpecSchema)
  .refine((g) => Object.keys(g).length <= PROCESS_MAX_GAUGES, { message: `at most ${PROCESS_MAX_GAUGES} gauges per device` })
export type Gauges = z.infer<typeof gaugesSchema>

/** Names in `values` that the device's registry entry does not declare (ingest dead-letters them: `unknown_gauge`). */
export function undeclaredGauges(gauges: Readonly<Record<string, unknown>>, values: Readonly<Record<string, number>>): string[] {
  return Object.keys(values).filter((name) => !Object.hasOwn(gauges, name))
}

/** Whether a reading lies in the gauge's plausible range (both ends included). */
export function inPlausibleRange(spec: Pick<GaugeSpec, 'min' | 'max'>, value: number): boolean {
  return value >= spec.min && value <= spec.max
}

/**
 * A data-quality event of `mill.telemetry.anomaly.v1` (beside the register anomalies of
 * anomalies.ts): one process reading outside its gauge's plausible range. The reading was
 * accepted and is in its minute's min, mean and max; the event says it is suspect. Written once,
 * in the transaction that makes its minute final; keyed by processEventKey, stable across replays.
 */
export const processOutOfRangeRecordSchema = z.object({
  v: z.literal(1),
  reason: z.literal('out_of_range'),
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
  kind: z.enum(['machine', 'sensor']),
  gauge: gaugeNameSchema,
  unit: z.string(),
  /** Event time of the reading, epoch ms. */
  ts: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative().optional(),
  value: z.number(),
  /** The plausible range the reading fell outside of (from the registry). */
  min: z.number(),
  max: z.number(),
})
export type ProcessOutOfRangeRecord = z.infer<typeof processOutOfRangeRecordSchema>

/** The stable identity of an out-of-range event: device, gauge and the reading's time. */
export function processEventKey(r: Pick<ProcessOutOfRangeRecord, 'firm' | 'plant' | 'line' | 'device' | 'gauge' | 'ts'>): string {
  return `${r.firm}/${r.plant}/${r.line}/${r.device}/process.${r.gauge}@${r.ts}`
}
