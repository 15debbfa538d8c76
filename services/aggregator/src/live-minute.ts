import { z } from 'zod'

/**
 * A record of `mill.machine-minute.v1`, keyed by device (`firm/plant/line/device`): one minute of
 * one machine or meter, sent when the minute closes and again each time late data corrects it.
 * `final` is true once no accepted sample can change it any more. Field names and units are those
 * of the InfluxDB measurements (docs/data-model.md).
 */
export const liveMinuteSchema = z.object({
  v: z.literal(1),
  kind: z.enum(['machine', 'meter']),
  firm: z.string(),
  plant: z.string(),
  line: z.string(),
  device: z.string(),
  /** Start of the minute, epoch ms. */
  minuteStartMs: z.number().int(),
  final: z.boolean(),
  fields: z.record(z.string(), z.number()),
  /** Stops (entries into `down`) that began in the minute and down time, by reason code. */
  stops: z.record(z.string(), z.object({ count: z.number().int(), downS: z.number() })),
  /** `discontinuities`: register intervals closed in the minute that were not counted (mill.telemetry.anomaly.v1). */
  intake: z.object({ samples: z.number().int(), late: z.number().int(), duplicates: z.number().int(), tooLate: z.number().int(), discontinuities: z.number().int() }),
})
export type LiveMinute = z.infer<typeof liveMinuteSchema>
