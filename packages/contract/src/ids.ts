import { z } from 'zod'

/** Every id in a topic and in the registry (DESIGN.md, wire contract v1). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/

export const idSchema = z.string().regex(ID_PATTERN, 'must match [a-z0-9][a-z0-9_-]{0,63}')

/** Identity of one publishing device (machine or meter) as it appears in its topic. */
export const deviceRefSchema = z.object({
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
})
export type DeviceRef = z.infer<typeof deviceRefSchema>

/** The Kafka key of a device: per-device order holds because all its records share a partition. */
export function deviceKey(ref: DeviceRef): string {
  return `${ref.firm}/${ref.plant}/${ref.line}/${ref.device}`
}
