import type { Machine, Plant } from '@millstream/contract'
import { loomEfficiency, ringFrameEfficiency, stopsPer1e5Picks } from '@millstream/metrics'
import type { Production, StoreRow } from '@millstream/store'

/** Machine types whose efficiency the textile measures cover. */
const SPINNING_TYPES = new Set(['ring_frame', 'rotor_spinning'])

export interface TextileEfficiency {
  /** Looms: picks over rated picks in busy time (PBT), and stops per 10^5 picks; null without looms. */
  loom: { efficiency: number | null; picks: number; busyS: number; stops: number; stopsPer1e5Picks: number | null } | null
  /** Ring and rotor frames: kg made over kg at the rated delivery in busy time; null without frames. */
  spinning: { efficiency: number | null; producedKg: number; ratedKg: number; busyS: number } | null
}

interface Tally {
  picks: number
  /** Picks credited with run time (docs/metrics.md §4.4): what the efficiency divides; `picks` is all of them. */
  creditedPicks: number
  loomBusyS: number
  /** Σ rated picks per minute × busy seconds: the rated speed weighted by each loom's time. */
  ratedPickSeconds: number
  loomStops: number
  looms: number
  producedKg: number
  creditedKg: number
  ratedKg: number
  frameBusyS: number
  frames: number
}
const empty = (): Tally => ({ picks: 0, creditedPicks: 0, creditedKg: 0, loomBusyS: 0, ratedPickSeconds: 0, loomStops: 0, looms: 0, producedKg: 0, ratedKg: 0, frameBusyS: 0, frames: 0 })

/**
 * Loom and spinning efficiency of machine production rows (store `production` grouped by line and
 * machine) rolled up to `by`: each group's picks and kilograms are summed with what its machines'
 * rated speeds (registry `idealRatePerMin`) would have made in their busy time, and
 * @millstream/metrics divides (loomEfficiency, ringFrameEfficiency, stopsPer1e5Picks). The
 * efficiencies take the output credited with run time, as performance does: picks revealed after
 * a silence count in `picks` and in the stops per 10^5 picks, not in the efficiency, for they were
 * not made in the busy time it divides by (docs/metrics.md §4.4).
 */
export function textileEfficiency(plant: Plant, rows: readonly StoreRow<Production>[], by: readonly ('line' | 'machine')[]): StoreRow<TextileEfficiency>[] {
  const machines = new Map<string, Machine>(plant.lines.flatMap((l) => l.machines.map((m) => [`${l.id}/${m.id}`, m] as const)))
  const groups = new Map<string, { row: StoreRow<unknown>; tally: Tally }>()
  for (const r of rows) {
    const machine = machines.get(`${r.group.line}/${r.group.machine}`)
    if (!machine) continue
    const group = Object.fromEntries(by.map((t) => [t, r.group[t] ?? '']))
    const key = `${r.window.startMs} ${JSON.stringify(group)}`
    const entry = groups.get(key) ?? { row: { group, window: r.window, values: null }, tally: empty() }
    const busyS = r.values.aptS + r.values.asutS + r.values.adetS + r.values.adotS
    const t = entry.tally
    // The output credited with run time, in the machine's unit: output times its credited share.
    const { producedQty, idealProducedS, creditedIdealS } = r.values
    const creditedQty = idealProducedS > 0 ? (producedQty * creditedIdealS) / idealProducedS : producedQty
    if (machine.type === 'loom' && r.group.unit === 'pick') {
      t.picks += r.values.producedQty
      t.creditedPicks += creditedQty
      t.loomBusyS += busyS
      t.ratedPickSeconds += machine.idealRatePerMin * busyS
      t.loomStops += r.values.stops
      t.looms += 1
    } else if (SPINNING_TYPES.has(machine.type) && r.group.unit === 'kg') {
      t.producedKg += r.values.producedQty
      t.creditedKg += creditedQty
      t.ratedKg += (machine.idealRatePerMin * busyS) / 60
      t.frameBusyS += busyS
      t.frames += 1
    }
    groups.set(key, entry)
  }
  return [...groups.values()]
    .map(({ row, tally: t }) => ({ ...row, values: valuesOf(t) }))
    .sort((a, b) => a.window.startMs - b.window.startMs || (JSON.stringify(a.group) < JSON.stringify(b.group) ? -1 : 1))
}

function valuesOf(t: Tally): TextileEfficiency {
  const loom = t.looms === 0 ? null : {
    efficiency: t.loomBusyS > 0 ? loomEfficiency({ picks: t.creditedPicks, ratedPpm: t.ratedPickSeconds / t.loomBusyS, durationMs: t.loomBusyS * 1000 }) : null,
    picks: t.picks, busyS: t.loomBusyS, stops: t.loomStops, stopsPer1e5Picks: stopsPer1e5Picks(t.loomStops, t.picks),
  }
  const spinning = t.frames === 0 ? null : { efficiency: ringFrameEfficiency(t.creditedKg, t.ratedKg), producedKg: t.producedKg, ratedKg: t.ratedKg, busyS: t.frameBusyS }
  return { loom, spinning }
}
