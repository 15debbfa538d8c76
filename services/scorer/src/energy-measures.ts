import type { Firm, Plant } from '@millstream/contract'
import { ENERGY_MEDIA, type EnergyTotals, type Interval, type LineEnergy } from '@millstream/metrics'
import type { ReadingInterval, Store } from '@millstream/store'

/** What E1, E2 and E4 need of a plant's period: plain sums and series from the store. */
export interface EnergyMeasures {
  /** Per line: its line meter where the registry has one for the medium (never less than its machines), else its machines' meters. */
  lines: LineEnergy[]
  /** Plant-scope meters per medium. */
  incomers: EnergyTotals
  /** Qualified output per line and count unit: the good count where devices report one, else all of it (quality not measured). */
  output: Record<string, Record<string, number>>
  /** Ideal production hours of all machines (PRU × quantity): the relevant variable of the E2 baseline, additive across units. */
  idealOutputH: number
  /** Plant incomer electricity per hour, for the time-of-use split (E4). */
  hourlyKwh: ReadingInterval[]
}

/** Reads a plant's energy and output for one period; `withHourly` false skips the hourly series (baseline months). */
export async function readEnergyMeasures(store: Store, firm: Firm, plant: Plant, range: Interval, withHourly = true): Promise<EnergyMeasures> {
  const q = { firm: firm.id, plant: plant.id, timeZone: plant.timeZone, range }
  const [machineRows, lineMeterRows, incomerRows, productionRows, hourlyKwh] = await Promise.all([
    store.machineEnergy({ ...q, by: ['line'] }),
    store.meterEnergy({ ...q, scope: 'line', by: ['line'] }),
    store.meterEnergy({ ...q, scope: 'plant' }),
    store.production({ ...q, by: ['line', 'unit'] }),
    withHourly ? store.hourlyPlantEnergy({ ...q, medium: 'electricity' }) : Promise.resolve([]),
  ])
  const lineMeters = new Set(plant.meters.filter((m) => m.scope === 'line').map((m) => `${m.line}/${m.medium}`))
  const lines: LineEnergy[] = plant.lines.map((l) => {
    const machines = machineRows.find((r) => r.group.line === l.id)?.values ?? {}
    const meters = lineMeterRows.find((r) => r.group.line === l.id)?.values ?? {}
    const direct: EnergyTotals = {}
    for (const medium of ENERGY_MEDIA) {
      const own = machines[medium]?.total ?? 0
      const metered = lineMeters.has(`${l.id}/${medium}`) ? Math.max(meters[medium] ?? 0, own) : own
      if (metered > 0) direct[medium] = metered
    }
    return { line: l.id, family: l.productFamily ?? null, direct }
  })
  const output: Record<string, Record<string, number>> = {}
  let idealS = 0
  for (const r of productionRows) {
    const p = r.values
    const qualified = Math.max(0, p.producedQty - p.inspectedQty) + p.goodQty
    const line = (output[r.group.line ?? ''] ??= {})
    line[r.group.unit ?? ''] = (line[r.group.unit ?? ''] ?? 0) + qualified
    idealS += p.idealProducedS
  }
  return { lines, incomers: incomerRows[0]?.values ?? {}, output, idealOutputH: idealS / 3600, hourlyKwh }
}
