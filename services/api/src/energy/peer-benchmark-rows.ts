import type { Plant } from '@millstream/contract'
import { peerBenchmark, specificConsumption, type CountUnit, type PeerBenchmark } from '@millstream/metrics'
import type { MachineEnergy, Production, StoreRow } from '@millstream/store'
import { specificEnergyRows } from './specific-energy-rows.ts'

/** A plant's energy per unit of output of one product family, or why it has none. */
export type FamilySec = { sec: number; basis: string } | { sec: null; reason: string }

/**
 * Each product family's energy per unit of output of one plant in a period: its lines' machine
 * meters as standard coal (equivalent value) over their output, as energy/specific counts a line
 * (@millstream/metrics standardCoalKgce, specificConsumption); a family whose lines count output in
 * two units has none.
 */
export function familySecs(plant: Plant, energy: readonly StoreRow<Partial<Record<string, MachineEnergy>>>[], output: readonly StoreRow<Production>[]): Map<string, FamilySec> {
  const lines = specificEnergyRows(plant, energy, output, { benchmarks: [], advancedToLimitRatio: 1 })
  const out = new Map<string, FamilySec>()
  for (const family of new Set(plant.lines.flatMap((l) => (l.productFamily ? [l.productFamily] : [])))) {
    const ids = new Set(plant.lines.filter((l) => l.productFamily === family).map((l) => l.id))
    const rows = lines.filter((r) => ids.has(r.group.line ?? ''))
    const units = [...new Set(rows.flatMap((r) => (r.values.unit ? [r.values.unit] : [])))]
    if (units.length !== 1) {
      out.set(family, { sec: null, reason: units.length === 0 ? 'no output in the period' : `output in more than one unit (${units.join(', ')})` })
      continue
    }
    const kgce = rows.reduce((s, r) => s + r.values.kgceEquivalent, 0)
    const qty = rows.reduce((s, r) => s + r.values.outputQty, 0)
    const sec = specificConsumption(kgce, qty, units[0] as CountUnit)
    out.set(family, sec.value === null ? { sec: null, reason: 'no output in the period' } : { sec: sec.value, basis: sec.basisLabel })
  }
  return out
}

export interface PeerRow {
  basis: string | null
  /** The plant's own figure (kgce per basis); null with `reason`. */
  sec: number | null
  /** Anonymous: the plant's percentile (100 = most efficient), the group's size and quartiles; no other plant is named. */
  benchmark: PeerBenchmark | null
  reason: string | null
}

/** The plant against the plants of its cluster with the same family and basis (@millstream/metrics peerBenchmark). */
export function peerRow(self: string, family: string, secs: ReadonlyMap<string, ReadonlyMap<string, FamilySec>>): PeerRow {
  const own = secs.get(self)?.get(family)
  if (!own || own.sec === null) return { basis: null, sec: null, benchmark: null, reason: own && own.sec === null ? own.reason : 'no figure for the plant' }
  const group = [...secs].flatMap(([id, m]) => {
    const f = m.get(family)
    return f && f.sec !== null && f.basis === own.basis ? [{ id, value: f.sec }] : []
  })
  return { basis: own.basis, sec: own.sec, benchmark: peerBenchmark(group, self), reason: group.length < 2 ? 'no other plant of the family in the cluster has a figure for the period' : null }
}
