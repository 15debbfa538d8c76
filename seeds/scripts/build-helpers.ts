import { CATALOG, type TemplateName } from './catalog.ts'

/** Shapes as registry.json stores them (validated by registrySchema from @millstream/contract). */
export interface SeedMachine {
  id: string
  name: string
  type: string
  unit: string
  idealRatePerMin: number
  ratedPowerKw: number
  positions?: number
  meters: string[]
  maxFlowPerH?: Record<string, number>
  batchQty?: number
  gauges?: Record<string, SeedGauge>
}
export interface SeedGauge { unit: string; min: number; max: number; label: string }
export interface SeedSensor { id: string; name: string; line: string; gauges: Record<string, SeedGauge> }
export interface SeedLine { id: string; name: string; process: string; productFamily?: string; machines: SeedMachine[] }
export interface SeedMeter { id: string; name: string; line: string; scope: 'line' | 'plant'; medium: string; maxFlowPerH: number }

/** `count` machines of one template: ids `{prefix}-01`, `{prefix}-02`, ... */
export function machines(prefix: string, template: TemplateName, count: number, label: string): SeedMachine[] {
  const t = CATALOG[template]
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0')
    const machine: SeedMachine = {
      id: `${prefix}-${n}`,
      name: `${label} ${n} (${t.describe})`,
      type: t.type,
      unit: t.unit,
      idealRatePerMin: t.idealRatePerMin,
      ratedPowerKw: t.ratedPowerKw,
      meters: [...t.meters],
    }
    if ('positions' in t) machine.positions = t.positions
    if ('maxFlowPerH' in t) machine.maxFlowPerH = { ...t.maxFlowPerH }
    if ('batchQty' in t) machine.batchQty = t.batchQty
    if ('gauges' in t) machine.gauges = structuredClone(t.gauges)
    return machine
  })
}

/**
 * A spinning hall's climate sensor (issue 16): relative humidity and temperature, published on the
 * `process` channel under the hall's line. Plausible ranges: a ring or winding hall is kept at about
 * 50-65 %RH and 24-30 °C (air-conditioning design practice for cotton spinning, estimate); outside
 * 40-80 %RH or 15-40 °C the reading is a sensor or plant fault, not a climate.
 */
export function hallSensor(id: string, line: SeedLine, name: string): SeedSensor {
  return {
    id,
    name,
    line: line.id,
    gauges: {
      humidity: { unit: '%RH', min: 40, max: 80, label: 'Relative humidity' },
      temperature: { unit: '°C', min: 15, max: 40, label: 'Air temperature' },
    },
  }
}

export const UTILITIES_LINE: SeedLine = { id: 'utilities', name: 'Utilities and incomers', process: 'utilities', machines: [] }

const MEDIUM_LABEL = { electricity: 'Main electricity incomer (10 kV)', steam: 'Steam incomer', water: 'Fresh water incomer', gas: 'Natural gas incomer' } as const

/**
 * Plant incomer meters, published under the utilities line, with the most each supply can carry
 * per hour (kW, t/h, m3/h, Nm3/h): the transformer or contracted capacity, the header or main.
 * The plant files give their figures (estimates sized above the plant's machines and auxiliaries).
 */
export function incomers(capacity: Partial<Record<keyof typeof MEDIUM_LABEL, number>>): SeedMeter[] {
  return (Object.entries(capacity) as [keyof typeof MEDIUM_LABEL, number][]).map(([medium, maxFlowPerH]) => ({ id: `incomer-${medium}`, name: MEDIUM_LABEL[medium], line: 'utilities', scope: 'plant', medium, maxFlowPerH }))
}

/** Head room of a line board or header over the sum of its machines' maxima (line lighting, suction, cable sizing practice). */
const LINE_METER_HEADROOM = 1.5

/**
 * A line sub-meter (electricity unless stated), published under its own line; its maximum flow is
 * the sum of the line's machine maxima (rated kW, or their declared maximum flow) times the head room.
 * Its id names the line: device ids are unique within a plant (registryLoadProblems).
 */
export function lineMeter(line: SeedLine, name: string, medium = 'electricity'): SeedMeter {
  const sum = line.machines.reduce((s, m) => s + (medium === 'electricity' ? m.ratedPowerKw : (m.maxFlowPerH?.[medium] ?? 0)), 0)
  return { id: `${line.id}-submeter-${medium}`, name, line: line.id, scope: 'line', medium, maxFlowPerH: Math.round(sum * LINE_METER_HEADROOM * 100) / 100 }
}

/** Three 8 h shifts, every day: continuous spinning, weaving, dyeing and fibre plants. */
export const THREE_SHIFTS_CONTINUOUS = {
  shifts: [
    { id: 'a', name: 'Shift A (morning)', start: '08:00', durationH: 8, breaks: [{ start: '12:00', durationMin: 30 }] },
    { id: 'b', name: 'Shift B (afternoon)', start: '16:00', durationH: 8, breaks: [{ start: '20:00', durationMin: 30 }] },
    { id: 'c', name: 'Shift C (night)', start: '00:00', durationH: 8, breaks: [{ start: '04:00', durationMin: 30 }] },
  ],
  nonWorkingWeekdays: [],
}

/** Garment day shift with lunch and supper breaks and evening overtime; Sunday off. */
export const GARMENT_DAY_SHIFT = {
  shifts: [
    {
      id: 'day', name: 'Day shift with overtime', start: '07:30', durationH: 13,
      breaks: [{ start: '11:30', durationMin: 90 }, { start: '17:30', durationMin: 60 }],
    },
  ],
  nonWorkingWeekdays: [7],
}

/** Two 12 h shifts, six days a week (knitting and down plants in peak season). */
export const TWO_SHIFTS_SIX_DAYS = {
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', durationH: 12, breaks: [{ start: '12:00', durationMin: 60 }] },
    { id: 'night', name: 'Night', start: '20:00', durationH: 12, breaks: [{ start: '00:00', durationMin: 60 }] },
  ],
  nonWorkingWeekdays: [7],
}

/**
 * Illustrative time-of-use tariff. Jiangxi's actual period boundaries, ratios and tip months were
 * NOT found (reference/domain.md §2.3, status NF). The shape follows the national rule of NDRC
 * 2021 (peak:valley >= 4:1 where the peak-valley gap exceeds 40 %, tip >= peak + 20 %, [S27]);
 * the flat price 0.62 CNY/kWh is a placeholder. Replace with the published Jiangxi table.
 */
export const ILLUSTRATIVE_TOU_TARIFF = {
  name: 'Illustrative industrial TOU (not the Jiangxi tariff)',
  currency: 'CNY',
  pricePerKwh: { tip: 1.19, peak: 0.992, flat: 0.62, valley: 0.248 },
  periods: [
    { from: '00:00', to: '07:00', band: 'valley' },
    { from: '07:00', to: '09:00', band: 'flat' },
    { from: '09:00', to: '12:00', band: 'peak' },
    { from: '12:00', to: '17:00', band: 'flat' },
    { from: '17:00', to: '19:00', band: 'peak' },
    { from: '19:00', to: '21:00', band: 'tip' },
    { from: '21:00', to: '23:00', band: 'peak' },
    { from: '23:00', to: '00:00', band: 'valley' },
  ],
  tipMonths: [1, 7, 8, 12],
  source:
    'ILLUSTRATIVE, not an official tariff: Jiangxi TOU periods and ratios were not found (MillStream reference/domain.md §2.3). ' +
    'Band ratios follow NDRC 2021 national TOU rules (peak/valley 4:1, tip = peak x 1.2); flat price is a placeholder.',
}
