import { z } from 'zod'
import { idSchema } from './ids.ts'

/**
 * A record of `mill.machine-hours.v1` (issue 13): the aggregator wrote `machine_hour` or
 * `machine_stop_hour` points of this plant's local hour. It is sent in the Kafka transaction of
 * the step that wrote them, after the InfluxDB write succeeded (docs/aggregator.md), so a
 * read_committed consumer that sees it can read those points. Key: `firm/plant`.
 */
export const machineHoursRecordSchema = z.object({
  v: z.literal(1),
  firm: idSchema,
  plant: idSchema,
  /** Start of the plant-local hour, epoch ms (the points' timestamp). */
  hourStartMs: z.number().int(),
})
export type MachineHoursRecord = z.infer<typeof machineHoursRecordSchema>
