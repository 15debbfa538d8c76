import { z } from 'zod'
import { idSchema } from './ids.ts'
import { COUNT_UNITS, ENERGY_MEDIUM_NAMES } from './payloads.ts'

/**
 * Why an interval between two readings of a cumulative register was not counted (issue 9):
 * `rewind`, the register went down to a value the device cannot have reached from zero since the
 * previous reading (rewound, replaced meter, swapped device); `implausible_jump`, it went up by
 * more than the device can produce or consume in the elapsed time (registry maximum x margin).
 */
export const ANOMALY_REASONS = {
  rewind: 'the register went down, to more than the device can have made since a restart from zero',
  implausible_jump: 'the register went up by more than the device can produce or consume in the elapsed time',
} as const
export type AnomalyReason = keyof typeof ANOMALY_REASONS
export const ANOMALY_REASON_CODES = Object.keys(ANOMALY_REASONS) as [AnomalyReason, ...AnomalyReason[]]

const reading = z.object({ ts: z.number().int().nonnegative(), total: z.number().nonnegative(), seq: z.number().int().nonnegative().optional() })

/**
 * A record of `mill.telemetry.anomaly.v1`: one excluded interval of one register, with both raw
 * readings. Keyed by `anomalyKey` (device, register and the two readings' times): the key is
 * stable across replays, so a consumer may de-duplicate by it; the aggregator writes each one once
 * in the transaction that makes its minute final (docs/aggregator.md).
 */
export const telemetryAnomalyRecordSchema = z.object({
  v: z.literal(1),
  reason: z.enum(ANOMALY_REASON_CODES),
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
  kind: z.enum(['machine', 'meter']),
  /** `count.total`, `count.good`, or the medium of an `energy` register. */
  register: z.union([z.enum(['count.total', 'count.good']), z.enum(ENERGY_MEDIUM_NAMES)]),
  /** The register's unit: a count unit, or the medium's (kWh, t, m3, Nm3). */
  unit: z.union([z.enum(COUNT_UNITS), z.string()]),
  prev: reading,
  next: reading,
  /** The most the device could have added in the interval (registry maximum x margin): what the step exceeded. */
  maxPlausibleQty: z.number().nonnegative(),
})
export type TelemetryAnomalyRecord = z.infer<typeof telemetryAnomalyRecordSchema>

/** The stable identity of an anomaly record. */
export function anomalyKey(r: Pick<TelemetryAnomalyRecord, 'firm' | 'plant' | 'line' | 'device' | 'register' | 'prev' | 'next'>): string {
  return `${r.firm}/${r.plant}/${r.line}/${r.device}/${r.register}@${r.prev.ts}-${r.next.ts}`
}

/**
 * A data-quality event of `mill.telemetry.anomaly.v1` (issue 16): a machine's live state was
 * reported lost at `ts` (a state message `unknown`: a Sparkplug NDEATH or DDEATH, or a device that
 * says it lost its machine), and its time is `unknown` from then until its next state message.
 * `cause` is that message's reason code (`edge_node_death`, `device_death`, a device's own code),
 * `unspecified` without one. Repeats of `unknown` are one loss. Written once, in the transaction
 * that makes its minute final, and counted in `device_intake_minute.connection_losses`; keyed by
 * connectionLostKey, stable across replays.
 */
export const connectionLostRecordSchema = z.object({
  v: z.literal(1),
  reason: z.literal('connection_lost'),
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
  kind: z.literal('machine'),
  /** Event time of the `unknown` state message, epoch ms: unknown from then on. */
  ts: z.number().int().nonnegative(),
  cause: z.string(),
})
export type ConnectionLostRecord = z.infer<typeof connectionLostRecordSchema>

/** The stable identity of a connection-lost event: the device and the time its state turned unknown. */
export function connectionLostKey(r: Pick<ConnectionLostRecord, 'firm' | 'plant' | 'line' | 'device' | 'ts'>): string {
  return `${r.firm}/${r.plant}/${r.line}/${r.device}/state.unknown@${r.ts}`
}
