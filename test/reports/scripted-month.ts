import { MEASUREMENTS, registrySchema, type Registry } from '@millstream/contract'
import type { TestPoint } from '../store/plant-points.ts'

/**
 * A scripted month (February 2026, Asia/Shanghai, 28 days) of two plants of firm `fm`, written as
 * the aggregator's hour rollups (whole local hours are read from them) and one intake point per
 * device and quarter hour, so every figure of a report can be checked against the API:
 * - `full`: looms m1 and m2 and three meters (plant electricity incomer, weaving line sub-meter,
 *   plant steam) report every hour; consumption follows the hour of the day, output and energy
 *   the day of the month; January 4–31 is its EnPI baseline (same plant, 3 % less efficient).
 * - `gappy`: the same plant, but its electricity incomer is silent on 10–12 February and loom m2
 *   never reports: its report must say so on the first page.
 * - peers of the same cluster and product family for benchmarking: firm `peer` (p1..p3, sharing
 *   the default) and firm `closed` (c1; its test shares nothing), looms only.
 */
export const TZ = 'Asia/Shanghai'
export const MONTH = { id: '2026-02', from: '2026-02-01', to: '2026-02-28' }
export const MONTH_START = Date.parse('2026-02-01T00:00:00+08:00')
export const MONTH_END = Date.parse('2026-03-01T00:00:00+08:00')
export const GAP_DAYS = ['2026-02-10', '2026-02-11', '2026-02-12']

const loom = (id: string) => ({ id, name: `Loom ${id}`, type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 5 })
/** A time-of-use tariff for `full` only (prices invented for the test); `gappy` has none. */
const TARIFF = {
  name: 'test TOU', currency: 'CNY', pricePerKwh: { peak: 1.1, flat: 0.7, valley: 0.3 }, source: 'invented for the test',
  periods: [{ from: '00:00', to: '08:00', band: 'valley' }, { from: '08:00', to: '12:00', band: 'peak' }, { from: '12:00', to: '17:00', band: 'flat' }, { from: '17:00', to: '21:00', band: 'peak' }, { from: '21:00', to: '00:00', band: 'flat' }],
}
const plant = (id: string, name: string) => ({
  ...(id === 'full' ? { tariff: TARIFF } : {}),
  id, name, timeZone: TZ, cluster: '德安',
  lines: [{ id: 'weave', name: '织造车间', process: 'weaving', productFamily: 'woven_fabric', machines: [loom('m1'), loom('m2')] }, { id: 'utilities', name: '公用工程', process: 'utilities', machines: [] }],
  meters: [
    { id: 'incomer', name: '总进线', line: 'utilities', scope: 'plant', medium: 'electricity', maxFlowPerH: 500 },
    { id: 'weave-el', name: '织造分表', line: 'weave', scope: 'line', medium: 'electricity', maxFlowPerH: 200 },
    { id: 'steam-main', name: '蒸汽总表', line: 'utilities', scope: 'plant', medium: 'steam', maxFlowPerH: 2 },
  ],
  shiftCalendar: { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 12 }, { id: 'b', name: 'B', start: '20:00', durationH: 12 }] },
})
/** Peer plants: benchmark members only (one loom each, no meters). */
const PEERS = { peer: ['p1', 'p2', 'p3'], closed: ['c1'] } as const
/** Each peer's electricity per hour of its loom (kWh): different efficiencies for the percentiles. */
const PEER_KWH: Record<string, number> = { p1: 2.5, p2: 3.5, p3: 5, c1: 1 }
const peerPlant = (id: string) => ({ ...plant(id, `Peer ${id}`), lines: [{ id: 'weave', name: 'Weaving', process: 'weaving', productFamily: 'woven_fabric', machines: [loom('m1')] }], meters: [] })
export const MONTH_REGISTRY: Registry = registrySchema.parse({
  version: 1,
  firms: [
    { id: 'fm', name: '示范纺织有限公司', plants: [plant('full', '一厂'), plant('gappy', '二厂')] },
    ...Object.entries(PEERS).map(([firm, plants]) => ({ id: firm, name: `Firm ${firm}`, plants: plants.map(peerPlant) })),
  ],
})
export const BASELINE_START = Date.parse('2026-01-04T00:00:00+08:00')

/** Output and energy follow the day of the month (0.85 .. 1): the EnPI baseline has something to fit. */
const dayFactor = (date: string) => 0.85 + 0.05 * (Number(date.slice(8, 10)) % 4)

/** A loom hour: m2 runs less and stops more than m1, so it is the worse machine. */
function loomHour(machine: 'm1' | 'm2', hourOfDay: number, date: string) {
  const day = hourOfDay >= 8 && hourOfDay < 20
  const f = dayFactor(date)
  const running = machine === 'm1' ? 2880 : 2400
  const down = machine === 'm1' ? 300 : 720
  const idle = 3600 - running - down
  const kwh = ((machine === 'm1' ? 3.2 : 2.6) + (day ? 0.8 : 0)) * f
  const picks = Math.round(running * 10 * 0.9 * f)
  // Every pick is inspected and about 2 % fail; the ideal times follow the counts at the ideal
  // rate (10 picks/s) as the aggregator writes them, so quality = good / inspected exactly.
  const good = Math.round(picks * 0.98)
  const perPickS = 60 / 600
  return {
    produced_qty: picks, good_qty: good, inspected_qty: picks,
    running_s: running, idle_s: idle, down_s: down, setup_s: 0, planned_stop_s: 0, off_s: 0, unknown_s: 0,
    apt_s: running, asut_s: 0, adet_s: down, adot_s: idle, pdt_s: 0, nonscheduled_s: 0, reasoned_s: down,
    ideal_produced_s: picks * perPickS, ideal_good_s: good * perPickS, ideal_inspected_s: picks * perPickS, stops: machine === 'm1' ? 2 : 5,
    electricity_kwh: kwh, electricity_idle_kwh: machine === 'm1' ? 0.25 : 0.5, electricity_offshift_kwh: 0, minutes: 60,
  }
}

export function monthPoints(): TestPoint[] {
  const points: TestPoint[] = []
  for (let t = BASELINE_START; t < MONTH_END; t += 3_600_000) {
    const hour = new Date(t + 8 * 3_600_000).getUTCHours()
    const date = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
    const baseline = t < MONTH_START
    // February draws 3 % less than the January baseline for the same output: EnPI savings to show.
    const f = dayFactor(date) * (baseline ? 1 : 0.97)
    if (!baseline) for (const [firm, plants] of Object.entries(PEERS)) for (const p of plants) {
      points.push({ measurement: MEASUREMENTS.machineHour, tags: { firm, plant: p, line: 'weave', machine: 'm1', machine_type: 'loom', unit: 'pick' }, fields: { ...loomHour('m1', hour, date), electricity_kwh: PEER_KWH[p] as number }, timeMs: t })
    }
    for (const p of baseline ? (['full'] as const) : (['full', 'gappy'] as const)) {
      const tags = { firm: 'fm', plant: p }
      // One intake point per quarter hour (GB/T 37947's upload slot): 15 samples each, the hour's late sample in the first.
      const intake = (line: string, device: string, kind: string, discontinuities = 0) => {
        if (baseline) return
        for (let q = 0; q < 4; q += 1) points.push({ measurement: MEASUREMENTS.intakeMinute, tags: { ...tags, line, device, kind }, fields: { samples: 15, late_samples: q === 0 ? 1 : 0, duplicates: 0, too_late: 0, discontinuities: q === 0 ? discontinuities : 0 }, timeMs: t + q * 900_000 })
      }
      for (const m of p === 'full' ? (['m1', 'm2'] as const) : (['m1'] as const)) {
        const fields = loomHour(m, hour, date)
        points.push({ measurement: MEASUREMENTS.machineHour, tags: { ...tags, line: 'weave', machine: m, machine_type: 'loom', unit: 'pick' }, fields, timeMs: t })
        points.push({ measurement: MEASUREMENTS.machineStopHour, tags: { ...tags, line: 'weave', machine: m, machine_type: 'loom', unit: 'pick', reason: 'warp_break' }, fields: { count: fields.stops - 1, down_s: fields.down_s - 60 }, timeMs: t })
        points.push({ measurement: MEASUREMENTS.machineStopHour, tags: { ...tags, line: 'weave', machine: m, machine_type: 'loom', unit: 'pick', reason: 'weft_break' }, fields: { count: 1, down_s: 60 }, timeMs: t })
        intake('weave', m, 'machine')
      }
      const meter = (line: string, id: string, scope: string, field: string, value: number) => {
        points.push({ measurement: MEASUREMENTS.meterHour, tags: { ...tags, line, meter: id, scope, medium: field.split('_')[0] as string }, fields: { [field]: value, minutes: 60 }, timeMs: t })
        // One excluded discontinuity on the steam meter on the 20th at 10:00.
        intake(line, id, 'meter', id === 'steam-main' && date === '2026-02-20' && hour === 10 ? 1 : 0)
      }
      if (!(p === 'gappy' && GAP_DAYS.includes(date))) meter('utilities', 'incomer', 'plant', 'electricity_kwh', (9.5 + (hour >= 8 && hour < 20 ? 2 : 0)) * f)
      meter('weave', 'weave-el', 'line', 'electricity_kwh', 8 + (hour >= 8 && hour < 20 ? 1.75 : 0))
      meter('utilities', 'steam-main', 'plant', 'steam_t', 0.125)
    }
  }
  return points
}
