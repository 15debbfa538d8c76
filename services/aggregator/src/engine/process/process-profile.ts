import { deviceGauges, MEASUREMENTS, type DeviceEntry, type GaugeSpec } from '@millstream/contract'
import { seriesKey } from '../line-protocol.ts'

/** What the process engine needs of a registry device, resolved once: its gauges and their series. */
export interface ProcessProfile {
  kind: 'machine' | 'sensor'
  firm: string
  plant: string
  line: string
  device: string
  timeZone: string
  gauges: Readonly<Record<string, GaugeSpec>>
  /** Line-protocol series keys of each gauge's points. */
  series(gauge: string): { minute: string; hour: string; event: string }
}

export function processProfile(entry: DeviceEntry): ProcessProfile {
  const device = entry.kind === 'sensor' ? entry.sensor.id : entry.kind === 'machine' ? entry.machine.id : entry.meter.id
  const kind = entry.kind === 'sensor' ? 'sensor' : 'machine'
  const gauges = deviceGauges(entry)
  const base = { firm: entry.firm.id, plant: entry.plant.id, line: entry.line.id, device, kind }
  const cache = new Map<string, { minute: string; hour: string; event: string }>()
  return {
    kind,
    firm: base.firm,
    plant: base.plant,
    line: base.line,
    device,
    timeZone: entry.plant.timeZone,
    gauges,
    series(gauge) {
      let s = cache.get(gauge)
      if (!s) {
        const tags = { ...base, gauge, unit: gauges[gauge]?.unit ?? '' }
        s = { minute: seriesKey(MEASUREMENTS.processMinute, tags), hour: seriesKey(MEASUREMENTS.processHour, tags), event: seriesKey(MEASUREMENTS.processOutOfRange, tags) }
        cache.set(gauge, s)
      }
      return s
    },
  }
}
