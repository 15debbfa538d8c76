import type { Plant } from '@millstream/contract'
import { dataCompleteness, ratioOrNull, type DataCompleteness, type Interval } from '@millstream/metrics'
import type { StoreRow } from '@millstream/store'

/** A registry device that meters energy: a plant or line meter, or a machine with its own meter. */
export interface MeteredDevice {
  line: string
  device: string
  kind: 'meter' | 'machine'
  scope: 'plant' | 'line' | 'machine'
  media: string
}

export function meteredDevices(plant: Plant, line?: string): MeteredDevice[] {
  const meters = plant.meters.map((m) => ({ line: m.line, device: m.id, kind: 'meter' as const, scope: m.scope, media: m.medium }))
  const machines = plant.lines.flatMap((l) => l.machines.filter((m) => m.meters.length > 0).map((m) => ({ line: l.id, device: m.id, kind: 'machine' as const, scope: 'machine' as const, media: m.meters.join(' ') })))
  return [...meters, ...machines].filter((d) => !line || d.line === line)
}

/** Each metered device's minutes with data in a window against the window's minutes (@millstream/metrics dataCompleteness, the 90 % rule). */
export function completenessRows(devices: readonly MeteredDevice[], window: Interval, minutes: ReadonlyMap<string, number>): StoreRow<DataCompleteness & { minutesWithData: number; minutesExpected: number; media: string; scope: string }>[] {
  const expected = Math.round((window.endMs - window.startMs) / 60_000)
  return devices.map((d) => {
    const received = minutes.get(d.device) ?? 0
    return { group: { line: d.line, device: d.device, kind: d.kind }, window, values: { scope: d.scope, media: d.media, minutesWithData: received, minutesExpected: expected, ...dataCompleteness(received, expected) } }
  })
}

/** Per line: machines with their own meter against all machines, and whether a line sub-meter exists (GB 17167 equipping, by count). */
export function meteringCoverageRows(plant: Plant, line?: string) {
  return plant.lines.filter((l) => l.machines.length > 0 && (!line || l.id === line)).map((l) => {
    const metered = l.machines.filter((m) => m.meters.length > 0).length
    const lineMeters = plant.meters.filter((m) => m.scope === 'line' && m.line === l.id).map((m) => m.medium)
    return { group: { line: l.id }, values: { machines: l.machines.length, meteredMachines: metered, machineMeteringShare: ratioOrNull(metered, l.machines.length), lineMeterMedia: lineMeters.join(' ') } }
  })
}
