import type { Firm, Plant } from '@millstream/contract'
import { addElements, kpis, localWindowStart, localWindows, type EfficiencyElements, type Interval, type PeriodEnergy } from '@millstream/metrics'
import type { Store } from '@millstream/store'
import { readEnergyMeasures, type EnergyMeasures } from './energy-measures.ts'
import { plantKgce } from './energy-inputs.ts'

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
  /** D7: planned busy time of machines with a planned rate (registry) that reported output, and of all machines. */
  kpiComputability: { plannedRateMs: number; pbtMs: number }
  energy: EnergyMeasures
  /** E2's baseline: the 12 complete local months before the month the period starts in. */
  baselineMonths: PeriodEnergy[]
}

/** Baseline months already read, by plant and month start: past months are settled, so they are read once per process. */
export type BaselineCache = Map<string, PeriodEnergy>
export const BASELINE_MONTHS = 12

/** Reads a plant's period through @millstream/store only (issue 12: no Flux in the scorer). */
export async function readPlantMeasures(store: Store, firm: Firm, plant: Plant, range: Interval, cache: BaselineCache = new Map()): Promise<PlantMeasures> {
  const q = { firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range }
  const [coverage, machineEnergy, meterEnergy, intake, deviceMinutes, perMachine, energy, baselineMonths] = await Promise.all([
    store.coverage({ ...q, by: ['machine'] }),
    store.machineEnergy(q),
    store.meterEnergy({ ...q, scope: 'plant', medium: 'electricity' }),
    store.intake(q),
    store.deviceMinutes(q),
    store.efficiency({ ...q, by: ['machine'] }),
    readEnergyMeasures(store, firm, plant, range),
    readBaseline(store, firm, plant, range, cache),
  ])
  const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ id: m.id, line: l.id, type: m.type })))
  const registered = new Set(machines.map((m) => m.id))
  const connected = coverage.filter((r) => r.values.knownS > 0 && registered.has(r.group.machine ?? '')).map((r) => r.group.machine as string).sort()
  // The plant's elements are the sum of its machines' (one query fewer than asking for both).
  const elements = perMachine.length === 0 ? null : perMachine.map((r) => r.values.elements).reduce((a, b) => addElements(a, b))
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
    elements,
    oee: elements ? kpis(elements).oee : null,
    machineKwh: electricity?.total ?? 0,
    idleKwh: electricity?.idle ?? 0,
    offShiftKwh: electricity?.offShift ?? 0,
    mainMeterKwh: meterEnergy[0]?.values.electricity ?? 0,
    kpiComputability: {
      plannedRateMs: perMachine.filter((r) => registered.has(r.group.machine ?? '') && r.values.elements.idealProducedMs > 0).reduce((s, r) => s + r.values.kpis.pbtMs, 0),
      pbtMs: perMachine.filter((r) => registered.has(r.group.machine ?? '')).reduce((s, r) => s + r.values.kpis.pbtMs, 0),
    },
    energy,
    baselineMonths,
  }
}

/** The baseline months' plant energy (kgce) and ideal output hours, each month read once per cache. */
async function readBaseline(store: Store, firm: Firm, plant: Plant, range: Interval, cache: BaselineCache): Promise<PeriodEnergy[]> {
  const monthStart = localWindowStart(range.startMs, 'month', plant.timeZone)
  const first = localWindowStart(monthStart - 1, 'month', plant.timeZone)
  let startMs = first
  for (let i = 1; i < BASELINE_MONTHS; i++) startMs = localWindowStart(startMs - 1, 'month', plant.timeZone)
  const months = localWindows({ startMs, endMs: monthStart }, 'month', plant.timeZone)
  if (cache.size > 10_000) cache.clear()
  const points: PeriodEnergy[] = []
  // One month at a time: a first run reads 12 months per plant, which must not flood InfluxDB.
  for (const month of months) {
    const key = `${firm.id}/${plant.id}/${month.startMs}`
    let point = cache.get(key)
    if (!point) {
      const m = await readEnergyMeasures(store, firm, plant, month, false)
      point = { ...month, output: m.idealOutputH, energy: plantKgce(m) }
      cache.set(key, point)
    }
    points.push(point)
  }
  return points
}
