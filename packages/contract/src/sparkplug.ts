import { z } from 'zod'
import { idSchema } from './ids.ts'
import { ENERGY_MEDIUM_NAMES, type EnergyMedium } from './payloads.ts'
import { MACHINE_TYPES, type MachineType, type Registry } from './registry.ts'

/** Sparkplug B 3.0 topic namespace (spec 4.1): spBv1.0/{group_id}/{message_type}/{edge_node_id}[/{device_id}]. */
export const SPARKPLUG_NAMESPACE = 'spBv1.0'
/** Group, edge node and device ids: UTF-8 without the MQTT separators and wildcards (spec 4.1.1). */
const sparkplugId = z.string().min(1).max(128).regex(/^[^/+#]+$/, 'must not contain / + #')

/** Where a Sparkplug metric's value goes in a contract v1 payload. */
export const sparkplugMetricTargetSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('state'), field: z.enum(['state', 'reason']) }),
  z.object({ channel: z.literal('count'), field: z.enum(['total', 'good']) }),
  z.object({ channel: z.literal('energy'), field: z.enum(['total', 'power']), medium: z.enum(ENERGY_MEDIUM_NAMES) }),
])
export type SparkplugMetricTarget = z.infer<typeof sparkplugMetricTargetSchema>
const metricTable = z.record(z.string().min(1).max(256), sparkplugMetricTargetSchema)
export type SparkplugMetricTable = z.infer<typeof metricTable>

/**
 * seeds/sparkplug.json: how Sparkplug names map to registry machines and contract channels.
 * Defaults keep the file short: a plant's edge node is `{group: firm id, edge node: plant id}`,
 * a device id is the machine's (or meter's) id; `edgeNodes` overrides them per plant.
 */
export const sparkplugMappingSchema = z.object({
  version: z.literal(1),
  /** Metric names every device may send. */
  metrics: metricTable,
  /** Extra or different names per machine type (a loom's PLC may say "Picks" for Count/Total). */
  metricsByMachineType: z.partialRecord(z.enum(Object.keys(MACHINE_TYPES) as [MachineType, ...MachineType[]]), metricTable).default({}),
  edgeNodes: z
    .array(
      z.object({
        firm: idSchema,
        plant: idSchema,
        groupId: sparkplugId,
        edgeNodeId: sparkplugId,
        /** Sparkplug device id -> registry machine or meter id of the plant. */
        devices: z.record(sparkplugId, idSchema).default({}),
      }),
    )
    .default([]),
})
export type SparkplugMapping = z.infer<typeof sparkplugMappingSchema>

export interface SparkplugDevice {
  firm: string
  plant: string
  line: string
  device: string
  metrics: ReadonlyMap<string, SparkplugMetricTarget>
}
export interface SparkplugEdgeNode {
  groupId: string
  edgeNodeId: string
  firm: string
  plant: string
  devices: ReadonlyMap<string, SparkplugDevice>
}

/** The metric table of the plant's meters: energy metrics only, by their medium. */
function meterTable(table: SparkplugMetricTable, medium: EnergyMedium): Map<string, SparkplugMetricTarget> {
  return new Map(Object.entries(table).filter(([, t]) => t.channel === 'energy' && t.medium === medium))
}

/**
 * Resolves the mapping against the registry: one edge node per plant, its devices by Sparkplug
 * id. Problems (an override naming an unknown plant or machine, two devices with one id) are
 * returned, not thrown: the loader refuses to start with them (validated at load).
 */
export function resolveSparkplugMapping(registry: Registry, mapping: SparkplugMapping): { nodes: Map<string, SparkplugEdgeNode>; problems: string[] } {
  const problems: string[] = []
  const nodes = new Map<string, SparkplugEdgeNode>()
  for (const o of mapping.edgeNodes) {
    if (!registry.firms.some((f) => f.id === o.firm && f.plants.some((p) => p.id === o.plant))) problems.push(`edge node ${o.groupId}/${o.edgeNodeId} names unknown plant ${o.firm}/${o.plant}`)
  }
  for (const firm of registry.firms) {
    for (const plant of firm.plants) {
      const override = mapping.edgeNodes.find((o) => o.firm === firm.id && o.plant === plant.id)
      const groupId = override?.groupId ?? firm.id
      const edgeNodeId = override?.edgeNodeId ?? plant.id
      const sparkplugIdOf = new Map(Object.entries(override?.devices ?? {}).map(([spId, machine]) => [machine, spId]))
      const known = new Set([...plant.lines.flatMap((l) => l.machines.map((m) => m.id)), ...plant.meters.map((m) => m.id)])
      for (const machine of sparkplugIdOf.keys()) if (!known.has(machine)) problems.push(`edge node ${groupId}/${edgeNodeId} maps a device to unknown machine ${machine} of ${firm.id}/${plant.id}`)
      const devices = new Map<string, SparkplugDevice>()
      const add = (id: string, line: string, metrics: Map<string, SparkplugMetricTarget>) => {
        const spId = sparkplugIdOf.get(id) ?? id
        if (devices.has(spId)) problems.push(`edge node ${groupId}/${edgeNodeId} has two devices with id ${spId}`)
        devices.set(spId, { firm: firm.id, plant: plant.id, line, device: id, metrics })
      }
      for (const line of plant.lines) {
        for (const m of line.machines) add(m.id, line.id, new Map(Object.entries({ ...mapping.metrics, ...mapping.metricsByMachineType[m.type] })))
      }
      for (const meter of plant.meters) add(meter.id, meter.line, meterTable(mapping.metrics, meter.medium))
      const key = `${groupId}/${edgeNodeId}`
      if (nodes.has(key)) problems.push(`two plants are the Sparkplug edge node ${key}`)
      nodes.set(key, { groupId, edgeNodeId, firm: firm.id, plant: plant.id, devices })
    }
  }
  return { nodes, problems }
}

/**
 * One device's alias table from its last DBIRTH, on `mill.sparkplug-births.v1` keyed by
 * `{group}/{edge node}/{device}` (sparkplugBirthKey): what ingest's host needs to read that
 * device's alias-only DATA after a restart, before the device is born again.
 */
export const sparkplugBirthRecordSchema = z.object({
  v: z.literal(1),
  groupId: sparkplugId,
  edgeNodeId: sparkplugId,
  deviceId: sparkplugId,
  bornAtMs: z.number().int().nonnegative(),
  /** [alias, metric name] pairs as the DBIRTH declared them. */
  aliases: z.array(z.tuple([z.number().int().nonnegative(), z.string().min(1).max(256)])).max(100_000),
})
export type SparkplugBirthRecord = z.infer<typeof sparkplugBirthRecordSchema>
export const sparkplugBirthKey = (r: Pick<SparkplugBirthRecord, 'groupId' | 'edgeNodeId' | 'deviceId'>): string => `${r.groupId}/${r.edgeNodeId}/${r.deviceId}`
