import { z } from 'zod'
import { idSchema, type DeviceRef } from './ids.ts'
import { COUNT_UNITS, ENERGY_MEDIUM_NAMES, type CountUnit, type EnergyMedium } from './payloads.ts'
import { gaugesSchema, type Gauges } from './process.ts'
import type { Channel } from './topic.ts'

/**
 * Machine types the platform knows: what each counts by default and what its ideal rate
 * (`idealRatePerMin`, in that unit per minute at 100 % speed) means. Spinning preparation follows
 * the process order of a combed-yarn mill: blowroom → carding → (drawing, combing) → drawing →
 * roving → ring → winding (docs/seeds.md has the ranges and sources).
 */
export const MACHINE_TYPES = {
  blowroom: { label: 'Blowroom opening and cleaning line', defaultUnit: 'kg', idealRate: 'kg of opened, cleaned fibre fed to the cards per minute, whole line' },
  carding: { label: 'Carding machine', defaultUnit: 'kg', idealRate: 'kg of card sliver per minute' },
  drawing: { label: 'Draw frame', defaultUnit: 'm', idealRate: 'm of drawn sliver per minute, all deliveries together (delivery speed × deliveries)' },
  combing: { label: 'Comber', defaultUnit: 'kg', idealRate: 'kg of combed sliver per minute, all heads together' },
  roving: { label: 'Roving (speed) frame', defaultUnit: 'kg', idealRate: 'kg of roving per minute, all spindles (flyer rpm ÷ twist per m × tex ÷ 10^6 × spindles)' },
  ring_frame: { label: 'Ring spinning frame', defaultUnit: 'kg', idealRate: 'kg of yarn per minute, all spindles' },
  rotor_spinning: { label: 'Rotor (open-end) spinning machine', defaultUnit: 'kg', idealRate: 'kg of yarn per minute, all rotors' },
  winding: { label: 'Automatic winder', defaultUnit: 'm', idealRate: 'm of yarn wound per minute, all drums (winding speed × drums)' },
  loom: { label: 'Weaving loom', defaultUnit: 'pick', idealRate: 'picks per minute (rated speed)' },
  circular_knitting: { label: 'Circular knitting machine', defaultUnit: 'kg', idealRate: 'kg of fabric per minute' },
  jet_dyeing: { label: 'Jet dyeing machine', defaultUnit: 'kg', idealRate: 'kg of fabric dyed per minute, batch size ÷ cycle time' },
  stenter: { label: 'Stenter (tenter frame)', defaultUnit: 'm', idealRate: 'm of fabric per minute' },
  sewing_station: { label: 'Sewing station', defaultUnit: 'piece', idealRate: 'pieces per minute, 1 ÷ standard allowed minutes' },
  fibre_spinning_line: { label: 'Man-made fibre spinning line', defaultUnit: 'kg', idealRate: 'kg of fibre per minute' },
  down_filling: { label: 'Down filling machine', defaultUnit: 'piece', idealRate: 'garments filled per minute' },
  cutting_table: { label: 'Automatic cutting table', defaultUnit: 'piece', idealRate: 'garment kits cut per minute' },
} as const satisfies Record<string, { label: string; defaultUnit: CountUnit; idealRate: string }>
export type MachineType = keyof typeof MACHINE_TYPES
const machineTypeNames = Object.keys(MACHINE_TYPES) as [MachineType, ...MachineType[]]

/** Each type's unit and the meaning of its ideal rate, for registry authors (JSON Schema description). */
function machineTypeGuide(): string {
  return Object.entries(MACHINE_TYPES).map(([type, t]) => `${type}: counts ${t.defaultUnit}; idealRatePerMin = ${t.idealRate}`).join('. ')
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)')

export const shiftSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  /** Local start time in the plant's time zone. */
  start: hhmm,
  durationH: z.number().positive().max(24),
  breaks: z.array(z.object({ start: hhmm, durationMin: z.number().positive().max(240) })).default([]),
})
export const shiftCalendarSchema = z.object({
  shifts: z.array(shiftSchema).min(1),
  /** ISO weekdays (1 = Monday .. 7 = Sunday) on which no shift is scheduled. */
  nonWorkingWeekdays: z.array(z.number().int().min(1).max(7)).default([]),
})
export type ShiftCalendar = z.infer<typeof shiftCalendarSchema>

export const TARIFF_BANDS = ['tip', 'peak', 'flat', 'valley', 'deep_valley'] as const
export type TariffBand = (typeof TARIFF_BANDS)[number]
export const tariffSchema = z.object({
  name: z.string().min(1),
  currency: z.string().length(3).default('CNY'),
  /** Price per kWh in each band the calendar uses. */
  pricePerKwh: z.partialRecord(z.enum(TARIFF_BANDS), z.number().nonnegative()),
  /** Local time ranges, [from, to); `to` 00:00 means midnight. Must cover the whole day. */
  periods: z.array(z.object({ from: hhmm, to: hhmm, band: z.enum(TARIFF_BANDS) })).min(1),
  /** Months (1-12) in which `tip` periods apply; outside them tip is billed as peak. */
  tipMonths: z.array(z.number().int().min(1).max(12)).default([]),
  source: z.string().min(1),
})
export type Tariff = z.infer<typeof tariffSchema>

export const machineSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  type: z.enum(machineTypeNames).describe(machineTypeGuide()),
  unit: z.enum(COUNT_UNITS),
  /** Ideal output per minute at 100 % speed, in `unit` (ISO 22400 PRU = 1 / this); MACHINE_TYPES says what it means per type. */
  idealRatePerMin: z.number().positive(),
  ratedPowerKw: z.number().nonnegative(),
  /** Spindles (ring frames), feeders (knitting) or positions: what end-break and yarn rates divide by. */
  positions: z.number().int().positive().optional(),
  /** Media metered on the machine's own `energy` channel. Empty: the machine has no meter. */
  meters: z.array(z.enum(ENERGY_MEDIUM_NAMES)).default(['electricity']),
  /**
   * Highest flow per hour of each metered medium other than electricity (t/h steam, m3/h water,
   * Nm3/h gas): with ratedPowerKw for electricity, what a meter reading can plausibly add (issue 9).
   * Required for every such medium in `meters`.
   */
  maxFlowPerH: z.partialRecord(z.enum(ENERGY_MEDIUM_NAMES), z.number().positive()).optional(),
  /** Batch machines (jet dyeing): the count steps up by up to one batch at its end, in `unit`. */
  batchQty: z.number().positive().optional(),
  /** Gauges the machine publishes on its `process` channel (issue 16), e.g. a jet dyer's liquor temperature. */
  gauges: gaugesSchema.optional(),
})
export type Machine = z.infer<typeof machineSchema>

export const METER_SCOPES = ['line', 'plant'] as const
export const meterSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  /** Topic line segment; for a plant incomer, the utilities line the plant publishes it under. */
  line: idSchema,
  scope: z.enum(METER_SCOPES),
  medium: z.enum(ENERGY_MEDIUM_NAMES),
  /**
   * Highest flow the metered supply can carry, per hour in the medium's unit (kW for electricity:
   * the transformer or contracted capacity; t/h steam, m3/h water, Nm3/h gas: the header or main).
   * A reading that implies more is a discontinuity, not consumption (issue 9). Optional in the
   * schema so that a bare payload check can use a partial registry; every registry a service
   * loads must have it (registryLoadProblems).
   */
  maxFlowPerH: z.number().positive().optional(),
})
export type Meter = z.infer<typeof meterSchema>

/**
 * A sensor that is no machine (issue 16): a hall's humidity and temperature probe, published on the
 * `process` channel only. Like a meter it sits under a line of the topic (the hall's line, or the
 * utilities line for one that serves the whole plant) and its id is unique in the plant.
 */
export const sensorSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  /** Topic line segment the sensor publishes under. */
  line: idSchema,
  gauges: gaugesSchema.refine((g) => Object.keys(g).length >= 1, { message: 'a sensor declares at least one gauge' }),
})
export type Sensor = z.infer<typeof sensorSchema>

export const lineSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  process: z.enum(['spinning', 'weaving', 'knitting', 'dyeing', 'finishing', 'garment', 'fibre', 'utilities']),
  /** Product family of the line's output, for benchmarking within a family (对标; issue 12). */
  productFamily: idSchema.optional(),
  machines: z.array(machineSchema).default([]),
})
export type Line = z.infer<typeof lineSchema>

export const plantSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  location: z.string().optional(),
  /** Industrial cluster (county or district) the platform compares plants in, e.g. 共青城, 奉新 (issue 12). */
  cluster: z.string().min(1).optional(),
  timeZone: z.string().default('Asia/Shanghai'),
  lines: z.array(lineSchema).min(1),
  meters: z.array(meterSchema).default([]),
  sensors: z.array(sensorSchema).default([]),
  shiftCalendar: shiftCalendarSchema,
  tariff: tariffSchema.optional(),
})
export type Plant = z.infer<typeof plantSchema>

export const firmSchema = z.object({ id: idSchema, name: z.string().min(1), plants: z.array(plantSchema).min(1) })
export type Firm = z.infer<typeof firmSchema>

export const registrySchema = z
  .object({ version: z.literal(1), firms: z.array(firmSchema).min(1) })
  .superRefine((registry, ctx) => {
    for (const problem of registryProblems(registry)) ctx.addIssue({ code: 'custom', message: problem })
  })
export type Registry = z.infer<typeof registrySchema>

function registryProblems(registry: { firms: Firm[] }): string[] {
  const problems: string[] = []
  const firmIds = new Set<string>()
  for (const firm of registry.firms) {
    if (firmIds.has(firm.id)) problems.push(`firm ${firm.id} is listed twice`)
    firmIds.add(firm.id)
    const plantIds = new Set<string>()
    for (const plant of firm.plants) {
      if (plantIds.has(plant.id)) problems.push(`plant ${firm.id}/${plant.id} is listed twice`)
      plantIds.add(plant.id)
      if (!isTimeZone(plant.timeZone)) problems.push(`plant ${firm.id}/${plant.id} has unknown time zone ${plant.timeZone}`)
      const devices = new Set<string>()
      const lineIds = new Set(plant.lines.map((l) => l.id))
      if (lineIds.size !== plant.lines.length) problems.push(`plant ${firm.id}/${plant.id} lists a line twice`)
      const addDevice = (line: string, id: string) => {
        const key = `${line}/${id}`
        if (devices.has(key)) problems.push(`device ${firm.id}/${plant.id}/${key} is listed twice`)
        devices.add(key)
      }
      for (const line of plant.lines) for (const m of line.machines) addDevice(line.id, m.id)
      for (const meter of plant.meters) {
        if (!lineIds.has(meter.line)) problems.push(`meter ${meter.id} names unknown line ${meter.line} in ${firm.id}/${plant.id}`)
        addDevice(meter.line, meter.id)
      }
      for (const sensor of plant.sensors) {
        if (!lineIds.has(sensor.line)) problems.push(`sensor ${sensor.id} names unknown line ${sensor.line} in ${firm.id}/${plant.id}`)
        addDevice(sensor.line, sensor.id)
      }
    }
  }
  return problems
}

/**
 * What a registry loaded by a service must hold beyond the schema (@millstream/seeds
 * parseRegistry): the physical maximum of every register, which the aggregator's plausibility rule
 * needs (issue 9): each meter's maximum flow, each metered machine's rated power or maximum flow.
 * Not in the schema itself, so that a payload check can still parse a registry without them.
 */
export function registryLoadProblems(registry: Registry): string[] {
  return registry.firms.flatMap((firm) =>
    firm.plants.flatMap((plant) => [
      ...plant.lines.flatMap((line) => line.machines.flatMap((m) => machineLimitProblems(`${firm.id}/${plant.id}/${line.id}/${m.id}`, m))),
      ...plant.meters.filter((m) => m.maxFlowPerH === undefined).map((m) => `meter ${firm.id}/${plant.id}/${m.line}/${m.id} declares no maxFlowPerH`),
      ...sharedDeviceIds(plant).map(([id, lines]) => `device id ${id} is used ${lines.length} times in ${firm.id}/${plant.id} (lines ${lines.join(', ')}): device ids must be unique within a plant`),
    ]),
  )
}

/**
 * Device ids used by more than one machine or meter of a plant. The topic names the line too, but
 * reads, scores and reports group a plant's data by device: two devices with one id would be
 * summed as one (two line meters called submeter-electricity were one row of the API).
 */
function sharedDeviceIds(plant: Plant): [string, string[]][] {
  const lines = new Map<string, string[]>()
  const add = (id: string, line: string) => lines.set(id, [...(lines.get(id) ?? []), line])
  for (const line of plant.lines) for (const m of line.machines) add(m.id, line.id)
  for (const m of plant.meters) add(m.id, m.line)
  for (const s of plant.sensors) add(s.id, s.line)
  return [...lines].filter(([, ls]) => ls.length > 1)
}

/** A metered machine declares the maximum its meters can plausibly add (physicalMaxPerH). */
function machineLimitProblems(key: string, m: Machine): string[] {
  return m.meters.flatMap((medium) => {
    if (medium === 'electricity') return m.ratedPowerKw > 0 ? [] : [`machine ${key} meters electricity but has ratedPowerKw 0`]
    return m.maxFlowPerH?.[medium] === undefined ? [`machine ${key} meters ${medium} but declares no maxFlowPerH.${medium}`] : []
  })
}

/**
 * The physical maximum rate of one register of a device, per hour in its unit: a machine's
 * counter from its ideal rate, its electricity from its rated power, other media and meters from
 * their declared maximum flow. The plausibility rule of @millstream/metrics applies its margin.
 */
export function physicalMaxPerH(entry: DeviceEntry, register: 'count' | EnergyMedium): number {
  if (entry.kind === 'sensor') return 0
  if (entry.kind === 'meter') return entry.meter.maxFlowPerH ?? 0
  const m = entry.machine
  if (register === 'count') return m.idealRatePerMin * 60
  if (register === 'electricity') return m.ratedPowerKw
  return m.maxFlowPerH?.[register] ?? 0
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export type DeviceEntry =
  | { kind: 'machine'; firm: Firm; plant: Plant; line: Line; machine: Machine; channels: readonly Channel[] }
  | { kind: 'meter'; firm: Firm; plant: Plant; line: Line; meter: Meter; channels: readonly Channel[] }
  | { kind: 'sensor'; firm: Firm; plant: Plant; line: Line; sensor: Sensor; channels: readonly Channel[] }

export interface RegistryIndex {
  registry: Registry
  device(ref: DeviceRef): DeviceEntry | undefined
  devices(): DeviceEntry[]
  plant(firm: string, plant: string): { firm: Firm; plant: Plant } | undefined
}

/** Lookup tables over a validated registry. */
export function indexRegistry(registry: Registry): RegistryIndex {
  const byKey = new Map<string, DeviceEntry>()
  const plants = new Map<string, { firm: Firm; plant: Plant }>()
  for (const firm of registry.firms) {
    for (const plant of firm.plants) {
      plants.set(`${firm.id}/${plant.id}`, { firm, plant })
      const linesById = new Map(plant.lines.map((l) => [l.id, l]))
      for (const line of plant.lines) {
        for (const machine of line.machines) {
          const channels: Channel[] = machineChannels(machine)
          byKey.set(`${firm.id}/${plant.id}/${line.id}/${machine.id}`, { kind: 'machine', firm, plant, line, machine, channels })
        }
      }
      for (const meter of plant.meters) {
        const line = linesById.get(meter.line) as Line
        byKey.set(`${firm.id}/${plant.id}/${meter.line}/${meter.id}`, { kind: 'meter', firm, plant, line, meter, channels: ['energy'] })
      }
      for (const sensor of plant.sensors) {
        const line = linesById.get(sensor.line) as Line
        byKey.set(`${firm.id}/${plant.id}/${sensor.line}/${sensor.id}`, { kind: 'sensor', firm, plant, line, sensor, channels: ['process'] })
      }
    }
  }
  return {
    registry,
    device: (ref) => byKey.get(`${ref.firm}/${ref.plant}/${ref.line}/${ref.device}`),
    devices: () => [...byKey.values()],
    plant: (firm, plant) => plants.get(`${firm}/${plant}`),
  }
}

/** A machine publishes state and count, energy when it has a meter, process when it declares gauges. */
function machineChannels(machine: Machine): Channel[] {
  const channels: Channel[] = ['state', 'count']
  if (machine.meters.length > 0) channels.push('energy')
  if (Object.keys(machine.gauges ?? {}).length > 0) channels.push('process')
  return channels
}

/** Media a device may report on its energy channel. */
export function deviceMedia(entry: DeviceEntry): readonly EnergyMedium[] {
  if (entry.kind === 'sensor') return []
  return entry.kind === 'machine' ? entry.machine.meters : [entry.meter.medium]
}

/** Gauges a device may report on its process channel (none for meters). */
export function deviceGauges(entry: DeviceEntry): Gauges {
  if (entry.kind === 'sensor') return entry.sensor.gauges
  return entry.kind === 'machine' ? (entry.machine.gauges ?? {}) : {}
}
