import { MACHINE_TYPES, type Machine, type MachineType, type ShiftCalendar } from '@millstream/contract'
import { DEMO_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'

/** The first demo machine of each type: realistic rates and powers for model tests. */
export function demoMachineOfEachType(): Record<MachineType, Machine> {
  const registry = loadRegistry(DEMO_REGISTRY_PATH)
  const out: Partial<Record<MachineType, Machine>> = {}
  for (const firm of registry.firms) for (const plant of firm.plants) for (const line of plant.lines) for (const m of line.machines) out[m.type] ??= m
  for (const type of Object.keys(MACHINE_TYPES)) if (!out[type as MachineType]) throw new Error(`demo registry has no ${type}`)
  return out as Record<MachineType, Machine>
}

export const ALL_DAY: ShiftCalendar = { shifts: [{ id: 'all', name: 'All day', start: '00:00', durationH: 24, breaks: [] }], nonWorkingWeekdays: [] }

export const GARMENT_DAY: ShiftCalendar = {
  shifts: [{ id: 'day', name: 'Day', start: '07:30', durationH: 13, breaks: [{ start: '11:30', durationMin: 90 }, { start: '17:30', durationMin: 60 }] }],
  nonWorkingWeekdays: [7],
}

export const MONDAY_MIDNIGHT_SHANGHAI = Date.parse('2026-03-02T00:00:00+08:00')
export const HOUR_MS = 3_600_000
