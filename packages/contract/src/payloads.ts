import { z } from 'zod'
import { gaugeNameSchema, gaugeReadingSchema, PROCESS_MAX_ABS_VALUE, PROCESS_MAX_GAUGES } from './process.ts'

export const MACHINE_STATES = ['running', 'idle', 'down', 'setup', 'planned_stop', 'off'] as const
export type MachineState = (typeof MACHINE_STATES)[number]
/**
 * What the `state` channel accepts: a machine state, or `unknown` (issue 16): "the live state is
 * lost from `ts` on" (a Sparkplug death reported by ingest; a gateway that lost its PLC). Unknown
 * time is `unknown_s` / ISO `unknownMs`, outside every KPI, until the next state message.
 */
export const REPORTED_STATES = [...MACHINE_STATES, 'unknown'] as const
export type ReportedState = (typeof REPORTED_STATES)[number]

export const COUNT_UNITS = ['pick', 'm', 'kg', 'piece', 'doff'] as const
export type CountUnit = (typeof COUNT_UNITS)[number]

/** Media of cumulative meters and their units (DESIGN.md: kWh, t, m3, Nm3). */
export const ENERGY_MEDIA = {
  electricity: { unit: 'kWh' },
  steam: { unit: 't' },
  water: { unit: 'm3' },
  gas: { unit: 'Nm3' },
} as const
export type EnergyMedium = keyof typeof ENERGY_MEDIA
export const ENERGY_MEDIUM_NAMES = Object.keys(ENERGY_MEDIA) as [EnergyMedium, ...EnergyMedium[]]

/** RFC 3339 with an explicit offset (Z or ±hh:mm). */
export const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/

/** `ts`: RFC 3339 with offset, or integer epoch milliseconds. Parsed to epoch ms. */
export const timestampSchema = z
  .union([
    z.number().int().nonnegative().max(8.64e15),
    z.string().regex(RFC3339_PATTERN, 'must be RFC 3339 with an offset').refine(isRealDate, 'not a real calendar date'),
  ])
  .describe('Event time: RFC 3339 with offset, or epoch milliseconds. Ingest dead-letters a ts before its lower bound (default 2020-01-01T00:00:00Z) or more than 5 minutes ahead of its clock.')

/** V8's Date.parse rolls 2026-02-31 over to March; a device sending it is broken, not early. */
export function isRealDate(s: string): boolean {
  if (!Number.isFinite(Date.parse(s))) return false
  const [year, month, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth
}

/** Converts an accepted `ts` to epoch milliseconds. */
export function timestampToMs(ts: number | string): number {
  return typeof ts === 'number' ? ts : Date.parse(ts)
}

/**
 * `seq`: a per-device increasing integer for de-duplication and gap detection. It counts within
 * one `boot`: a device that starts it again from 0 after a restart must send a new `boot` with
 * it, or its new messages would be taken for copies of the old ones (docs/ingest.md).
 */
const seqSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
/**
 * `boot`: which run of the device's firmware sent the message, a boot counter or a random id
 * chosen at start; the pipeline de-duplicates by (device, boot, seq). Normalised to a string, so
 * 7 and "7" are the same boot.
 */
const SEQ_DOC = 'Per-device increasing integer for de-duplication and gap detection, counted within one boot: send a new boot when it restarts from 0.'
const BOOT_DOC = 'Which run of the device sent the message (boot counter or an id chosen at start). Messages are de-duplicated by (device, boot, seq).'
export const BOOT_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/
export const bootSchema = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  z.string().regex(BOOT_PATTERN, 'boot must be 1-64 letters, digits or . _ : -'),
])
export const REASON_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/
const reasonCode = z.string().min(1).max(64).regex(REASON_PATTERN, 'reason must be a lower-case code')
/**
 * zod's number() already refuses NaN and ±Infinity; cumulative values are non-negative and at most
 * 2^53 - 1: above it a double no longer holds every integer, so 2^53 + 1 would silently become
 * 2^53 (issue 10). A reading that large is refused, as `seq` is.
 */
const cumulative = z
  .number()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Cumulative reading since the counter or meter started; at most 2^53 - 1 so that it survives JSON exactly.')

export const statePayloadSchema = z.object({
  ts: timestampSchema,
  state: z.enum(REPORTED_STATES).describe('The machine state from ts until the next state message; unknown: the live state is lost from ts on (the time counts as unknown, outside every KPI).'),
  reason: reasonCode.optional(),
  seq: seqSchema.optional().describe(SEQ_DOC),
  boot: bootSchema.optional().describe(BOOT_DOC),
})

export const countPayloadSchema = z
  .object({
    ts: timestampSchema,
    total: cumulative,
    good: cumulative.optional(),
    unit: z.enum(COUNT_UNITS).optional(),
    seq: seqSchema.optional().describe(SEQ_DOC),
    boot: bootSchema.optional().describe(BOOT_DOC),
  })
  .refine((p) => p.good === undefined || p.good <= p.total, { message: 'good must not exceed total', path: ['good'] })

export const energyPayloadSchema = z.object({
  ts: timestampSchema,
  total: cumulative,
  medium: z.enum(ENERGY_MEDIUM_NAMES).optional(),
  power: z.number().nonnegative().optional(),
  seq: seqSchema.optional().describe(SEQ_DOC),
  boot: bootSchema.optional().describe(BOOT_DOC),
})

/**
 * `process` (issue 16): instantaneous gauge readings taken at `ts`, by gauge name. Each name must be
 * declared for the device in the registry (else `unknown_gauge`); whether a reading is plausible is
 * the aggregator's business (out-of-range events), not the schema's. zod's number() refuses NaN and
 * ±Infinity.
 */
export const processPayloadSchema = z.object({
  ts: timestampSchema,
  values: z
    .record(gaugeNameSchema, gaugeReadingSchema)
    .refine((v) => Object.keys(v).length >= 1 && Object.keys(v).length <= PROCESS_MAX_GAUGES, { message: `values must hold 1 to ${PROCESS_MAX_GAUGES} gauges` })
    .describe(`Readings by gauge name (as declared in the registry), finite numbers in the gauge's unit of magnitude at most ${PROCESS_MAX_ABS_VALUE}; 1 to ${PROCESS_MAX_GAUGES} gauges.`),
  seq: seqSchema.optional().describe(SEQ_DOC),
  boot: bootSchema.optional().describe(BOOT_DOC),
})

/** The canonical form of a payload's `boot` in the Kafka record. */
export function bootId(boot: number | string): string {
  return String(boot)
}

export type StatePayload = z.infer<typeof statePayloadSchema>
export type CountPayload = z.infer<typeof countPayloadSchema>
export type EnergyPayload = z.infer<typeof energyPayloadSchema>
export type ProcessPayload = z.infer<typeof processPayloadSchema>

export const PAYLOAD_SCHEMAS = {
  state: statePayloadSchema,
  count: countPayloadSchema,
  energy: energyPayloadSchema,
  process: processPayloadSchema,
} as const
