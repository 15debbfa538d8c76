import type { Firm, Plant } from '@millstream/contract'
import type { EfficiencyElements, Interval } from '@millstream/metrics'
import type { Store } from '@millstream/store'

/** What the store says about one plant over one period: plain sums, no scoring yet. */
export interface PlantMeasures {
  periodS: number
  /** Registered production machines (registry), by line. */
  machines: { id: string; line: string; type: string }[]
  /** Machines with any known state time in the period. */
  connected: string[]
  knownS: number
  /** Registered meters, and devices (machines and meters) with at least one minute of data. */
  meters: { id: string; scope: string; medium: string }[]
  deviceMinutes: Record<string, number>
  samples: number
  lateSamples: number
  elements: EfficiencyElements | null
  oee: number | null
  machineKwh: number
  idleKwh: number
  offShiftKwh: number
  /** kWh of the plant-scope electricity meters. */
  mainMeterKwh: number
}

/** Reads a plant's period through @millstream/store only (issue 12: no Flux in the scorer). */
export async function readPlantMeasures(store: Store, firm: Firm, plant: Plant, range: Interval): Promise<PlantMeasures> {
  const q = { firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range }
  const [coverage, efficiency, machineEnergy, meterEnergy, intake, deviceMinutes] = await Promise.all([
    store.coverage({ ...q, by: ['machine'] }),
    store.efficiency(q),
    store.machineEnergy(q),
    store.meterEnergy({ ...q, scope: 'plant', medium: 'electricity' }),
    store.intake(q),
    store.deviceMinutes(q),
  ])
  const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ id: m.id, line: l.id, type: m.type })))
  const registered = new Set(machines.map((m) => m.id))
  const connected = coverage.filter((r) => r.values.knownS > 0 && registered.has(r.group.machine ?? '')).map((r) => r.group.machine as string).sort()
  const electricity = machineEnergy[0]?.values.electricity
  return {
    periodS: (range.endMs - range.startMs) / 1000,
    machines,
    connected,
    knownS: coverage.filter((r) => registered.has(r.group.machine ?? '')).reduce((s, r) => s + r.values.knownS, 0),
    meters: plant.meters.map((m) => ({ id: m.id, scope: m.scope, medium: m.medium })),
    deviceMinutes: Object.fromEntries([...deviceMinutes].sort(([a], [b]) => a.localeCompare(b))),
    samples: intake[0]?.values.samples ?? 0,
    lateSamples: intake[0]?.values.lateSamples ?? 0,
    elements: efficiency[0]?.values.elements ?? null,
    oee: efficiency[0]?.values.kpis.oee ?? null,
    machineKwh: electricity?.total ?? 0,
    idleKwh: electricity?.idle ?? 0,
    offShiftKwh: electricity?.offShift ?? 0,
    mainMeterKwh: meterEnergy[0]?.values.electricity ?? 0,
  }
}
