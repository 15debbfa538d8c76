import { deviceMedia, ENERGY_MEDIA, physicalMaxPerH, type DeviceEntry, type ShiftCalendar } from '@millstream/contract'
import type { CountUnit, EnergyMedium, PlausibilityLimit } from '@millstream/metrics'
import { MEASUREMENTS, machineFieldNames, meterFieldNames } from './measurements.ts'
import { seriesKey } from './line-protocol.ts'

/** What the engine needs of a registry device, resolved once: tags, fields, plan and rates. */
export interface DeviceProfile {
  kind: 'machine' | 'meter'
  key: string
  firm: string
  plant: string
  line: string
  device: string
  timeZone: string
  calendar: ShiftCalendar
  media: readonly EnergyMedium[]
  /** Machines only. */
  machineType?: string
  unit?: CountUnit
  idealRatePerMin?: number
  /** Batch machines (registry `batchQty`): output credited per batch with its run time (batchCredit). */
  batchQty?: number
  /** Meters only. */
  scope?: 'line' | 'plant'
  /** What each register can plausibly add (registry maxima; the margin is the domain's constant). */
  limits: { count?: PlausibilityLimit; energy: Partial<Record<EnergyMedium, PlausibilityLimit>> }
  /** Unit of each register, for anomaly records. */
  energyUnits: Partial<Record<EnergyMedium, string>>
  fieldNames: readonly string[]
  /** Line-protocol series keys (measurement and tags) of the device's points. */
  series: { minute: string; hour: string; intake: string }
  /** Series of the stop points of one reason (machines). */
  stopSeries(reason: string, hourly: boolean): string
}

/** A machine's or a meter's profile; sensors publish only `process` (process/process-profile.ts). */
export function deviceProfile(entry: Exclude<DeviceEntry, { kind: 'sensor' }>): DeviceProfile {
  const base = { firm: entry.firm.id, plant: entry.plant.id, line: entry.line.id }
  const media = deviceMedia(entry)
  if (entry.kind === 'meter') {
    const tags = { ...base, meter: entry.meter.id, scope: entry.meter.scope, medium: entry.meter.medium }
    return {
      kind: 'meter',
      limits: energyLimits(entry, media),
      energyUnits: energyUnits(media),
      key: `${base.firm}/${base.plant}/${base.line}/${entry.meter.id}`,
      ...base,
      device: entry.meter.id,
      timeZone: entry.plant.timeZone,
      calendar: entry.plant.shiftCalendar,
      media,
      scope: entry.meter.scope,
      fieldNames: meterFieldNames(entry.meter.medium),
      series: {
        minute: seriesKey(MEASUREMENTS.meterMinute, tags),
        hour: seriesKey(MEASUREMENTS.meterHour, tags),
        intake: seriesKey(MEASUREMENTS.intakeMinute, { ...base, device: entry.meter.id, kind: 'meter' }),
      },
      stopSeries: () => {
        throw new Error('meters have no stops')
      },
    }
  }
  const m = entry.machine
  const tags = { ...base, machine: m.id, machine_type: m.type, unit: m.unit }
  return {
    kind: 'machine',
    // A counter may step by one whole unit at once, a batch machine's by one batch.
    limits: { ...energyLimits(entry, media), count: { maxRatePerH: physicalMaxPerH(entry, 'count'), stepQty: m.batchQty ?? 1 } },
    energyUnits: energyUnits(media),
    key: `${base.firm}/${base.plant}/${base.line}/${m.id}`,
    ...base,
    device: m.id,
    timeZone: entry.plant.timeZone,
    calendar: entry.plant.shiftCalendar,
    media,
    machineType: m.type,
    unit: m.unit,
    idealRatePerMin: m.idealRatePerMin,
    ...(m.batchQty === undefined ? {} : { batchQty: m.batchQty }),
    fieldNames: machineFieldNames(media),
    series: {
      minute: seriesKey(MEASUREMENTS.machineMinute, tags),
      hour: seriesKey(MEASUREMENTS.machineHour, tags),
      intake: seriesKey(MEASUREMENTS.intakeMinute, { ...base, device: m.id, kind: 'machine' }),
    },
    stopSeries: (reason, hourly) => seriesKey(hourly ? MEASUREMENTS.machineStopHour : MEASUREMENTS.machineStopMinute, { ...tags, reason }),
  }
}

function energyLimits(entry: DeviceEntry, media: readonly EnergyMedium[]): DeviceProfile['limits'] {
  return { energy: Object.fromEntries(media.map((medium) => [medium, { maxRatePerH: physicalMaxPerH(entry, medium) }])) }
}

function energyUnits(media: readonly EnergyMedium[]): DeviceProfile['energyUnits'] {
  return Object.fromEntries(media.map((medium) => [medium, ENERGY_MEDIA[medium].unit]))
}
