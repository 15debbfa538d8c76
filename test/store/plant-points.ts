import { MEASUREMENTS } from '@millstream/contract'
import { addToRollup, emptyElements, localWindowStart, type EfficiencyElements } from '@millstream/metrics'

/** Test data for the store: seeded minute points of a small plant, and the hour rollups the aggregator would write. */
export interface TestPoint {
  measurement: string
  tags: Record<string, string>
  fields: Record<string, number>
  timeMs: number
}

export const MACHINES = [
  { line: 'weaving', machine: 'loom-1', machine_type: 'loom', unit: 'pick' },
  { line: 'weaving', machine: 'loom-2', machine_type: 'loom', unit: 'pick' },
  { line: 'spinning', machine: 'rf-1', machine_type: 'ring_frame', unit: 'kg' },
] as const

function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const r3 = (x: number) => Math.round(x * 1000) / 1000

/** One machine minute: the 60 s split at random among the states, elements and energy to match. */
function machineMinute(rnd: () => number) {
  const cuts = Array.from({ length: 6 }, () => Math.floor(rnd() * 61)).sort((a, b) => a - b)
  const [running, setup, down, idle, planned, off, unknown] = [0, ...cuts, 60].slice(1).map((c, i) => c - ([0, ...cuts][i] as number)) as number[] as [number, number, number, number, number, number, number]
  const produced = r3(running * (0.7 + rnd() * 0.4))
  const stops = down > 0 && rnd() < 0.5 ? 1 : 0
  return {
    running_s: running, idle_s: idle, down_s: down, setup_s: setup, planned_stop_s: planned, off_s: off, unknown_s: unknown,
    apt_s: running, asut_s: setup, adet_s: down, adot_s: idle, pdt_s: planned, nonscheduled_s: off, reasoned_s: down,
    stops, produced_qty: produced * 10, good_qty: r3(produced * 9.7), inspected_qty: produced * 10, ideal_qty: running * 10,
    ideal_produced_s: produced, ideal_good_s: r3(produced * 0.97), ideal_inspected_s: produced,
    electricity_kwh: r3(rnd() * 0.2), electricity_idle_kwh: r3(rnd() * 0.01), electricity_offshift_kwh: r3(rnd() * 0.01), electricity_peak_rate: r3(rnd() * 12),
  }
}

/** Minute points from `fromMs` for `minutes` minutes (machines, their stops, a plant meter, intake), and their hours. */
export function plantPoints(o: { firm: string; plant: string; timeZone: string; fromMs: number; minutes: number; seed: number }): TestPoint[] {
  const rnd = prng(o.seed)
  const base = { firm: o.firm, plant: o.plant }
  const points: TestPoint[] = []
  for (let i = 0; i < o.minutes; i++) {
    const timeMs = o.fromMs + i * 60_000
    for (const m of MACHINES) {
      const fields = machineMinute(rnd)
      points.push({ measurement: MEASUREMENTS.machineMinute, tags: { ...base, ...m }, fields, timeMs })
      if (fields.stops > 0 || fields.down_s > 0) points.push({ measurement: MEASUREMENTS.machineStopMinute, tags: { ...base, ...m, reason: rnd() < 0.5 ? 'warp_break' : 'weft_break' }, fields: { count: fields.stops, down_s: fields.down_s }, timeMs })
      points.push({ measurement: MEASUREMENTS.intakeMinute, tags: { ...base, line: m.line, device: m.machine, kind: 'machine' }, fields: { samples: 3 + Math.floor(rnd() * 4), late_samples: rnd() < 0.1 ? 1 : 0, duplicates: rnd() < 0.1 ? 1 : 0, too_late: 0, discontinuities: rnd() < 0.02 ? 1 : 0, connection_losses: rnd() < 0.02 ? 1 : 0 }, timeMs })
    }
    points.push({ measurement: MEASUREMENTS.meterMinute, tags: { ...base, line: 'utilities', meter: 'incomer-el', scope: 'plant', medium: 'electricity' }, fields: { electricity_kwh: r3(5 + rnd()), electricity_peak_rate: r3(300 + rnd() * 50) }, timeMs })
  }
  return [...points, ...hourRollups(points, o.timeZone)]
}

/** The aggregator's hour rule: per series and local hour, the minutes rolled up (metrics' addToRollup: sums, peaks max) and their number. */
export function hourRollups(points: readonly TestPoint[], timeZone: string): TestPoint[] {
  const hourOf: Record<string, string> = { [MEASUREMENTS.machineMinute]: MEASUREMENTS.machineHour, [MEASUREMENTS.machineStopMinute]: MEASUREMENTS.machineStopHour, [MEASUREMENTS.meterMinute]: MEASUREMENTS.meterHour }
  const hours = new Map<string, TestPoint>()
  for (const p of points) {
    const measurement = hourOf[p.measurement]
    if (!measurement) continue
    const timeMs = localWindowStart(p.timeMs, 'hour', timeZone)
    const key = `${measurement} ${JSON.stringify(p.tags)} ${timeMs}`
    const hour = hours.get(key) ?? { measurement, tags: p.tags, fields: {}, timeMs }
    addToRollup(hour.fields, p.fields)
    if (measurement !== MEASUREMENTS.machineStopHour) hour.fields.minutes = (hour.fields.minutes ?? 0) + 1
    hours.set(key, hour)
  }
  return [...hours.values()]
}

/** The ISO 22400 elements of a machine minute point, in ms, as @millstream/metrics holds them. */
export function elementsOf(f: Record<string, number>): EfficiencyElements {
  const ms = (name: string) => (f[name] ?? 0) * 1000
  return {
    ...emptyElements(),
    aptMs: ms('apt_s'), asutMs: ms('asut_s'), adetMs: ms('adet_s'), adotMs: ms('adot_s'), pdtMs: ms('pdt_s'),
    nonScheduledMs: ms('nonscheduled_s'), unknownMs: ms('unknown_s'), reasonedMs: ms('reasoned_s'),
    idealProducedMs: ms('ideal_produced_s'), idealGoodMs: ms('ideal_good_s'), idealInspectedMs: ms('ideal_inspected_s'),
  }
}
