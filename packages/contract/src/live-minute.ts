import { z } from 'zod'
import { idSchema } from './ids.ts'
import { ENERGY_MEDIUM_NAMES } from './payloads.ts'
import { ELEMENT_FIELDS, machineEnergyFields, meterFieldNames, PERFORMANCE_FIELDS, PRODUCTION_FIELDS, STATE_FIELDS } from './influx-schema.ts'

const count = z.number().int().nonnegative()
const MACHINE_FIELDS = [...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', ...PRODUCTION_FIELDS] as const
// Performance's terms (batch credit) are written by every aggregator since; a reader takes a minute without them from an older one.
const MINUTE_FIELD_NAMES = [...MACHINE_FIELDS, ...PERFORMANCE_FIELDS, ...ENERGY_MEDIUM_NAMES.flatMap(machineEnergyFields), ...ENERGY_MEDIUM_NAMES.flatMap(meterFieldNames)]
const minuteFieldName = z.enum([...new Set(MINUTE_FIELD_NAMES)] as [string, ...string[]])

/**
 * A record of `mill.machine-minute.v1`, keyed by device (`firm/plant/line/device`): one minute of
 * one machine or meter, sent when the minute closes and again each time late data corrects it.
 * `final` is true once no accepted sample can change it any more. `fields` are those of the
 * device's `machine_minute` or `meter_minute` point (influx-schema.ts, docs/data-model.md).
 */
export const liveMinuteSchema = z
  .object({
    v: z.literal(1),
    kind: z.enum(['machine', 'meter']),
    firm: idSchema,
    plant: idSchema,
    line: idSchema,
    device: idSchema,
    /** Start of the minute, epoch ms. */
    minuteStartMs: z.number().int(),
    final: z.boolean(),
    fields: z.partialRecord(minuteFieldName, z.number().nonnegative()),
    /** Stops (entries into `down`) that began in the minute and down time, by reason code. */
    stops: z.record(z.string().min(1), z.object({ count, downS: z.number().nonnegative() })),
    /** `discontinuities`: register intervals closed in the minute that were not counted (mill.telemetry.anomaly.v1). */
    intake: z.object({ samples: count, late: count, duplicates: count, tooLate: count, discontinuities: count }),
  })
  .superRefine((r, ctx) => {
    // A machine's minute always carries every fixed machine field (InfluxDB keeps a field a rewrite leaves out).
    if (r.kind !== 'machine') return
    const missing = MACHINE_FIELDS.filter((f) => r.fields[f] === undefined)
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['fields'], message: `machine minute lacks ${missing.join(', ')}` })
  })
export type LiveMinute = z.infer<typeof liveMinuteSchema>
