import type { Plant } from '@millstream/contract'
import { loomEfficiency, ringFrameEfficiency, stopsPer1e5Picks } from '@millstream/metrics'
import { TEST_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'
import type { Production, StoreRow } from '@millstream/store'
import { describe, expect, it } from 'vitest'
import { textileEfficiency } from './textile-efficiency.ts'

const plant = loadRegistry(TEST_REGISTRY_PATH).firms[0]?.plants[0] as Plant
const window = { startMs: 0, endMs: 86_400_000 }
const row = (line: string, machine: string, unit: string, v: Partial<Production>): StoreRow<Production> => ({
  group: { line, machine, unit }, window,
  values: { producedQty: 0, goodQty: 0, inspectedQty: 0, idealProducedS: 0, creditedIdealS: 0, aptS: 0, asutS: 0, adetS: 0, adotS: 0, stops: 0, ...v },
})

describe('textile efficiency', () => {
  it('divides the output credited with run time, not picks revealed after a silence (docs/metrics.md 4.4)', () => {
    // loom-01 (750 picks/min rated): 600 000 picks in 1 000 min of busy time, 90 000 of them revealed after a silence.
    const picks = 600_000
    const credited = 510_000
    const rows = [
      row('weaving', 'loom-01', 'pick', { producedQty: picks, idealProducedS: (picks / 750) * 60, creditedIdealS: (credited / 750) * 60, aptS: 54_000, adetS: 6_000, stops: 30 }),
      // rf-01 (0.268 kg/min): 250 kg in 1 000 min, all credited.
      row('spinning', 'rf-01', 'kg', { producedQty: 250, idealProducedS: (250 / 0.268) * 60, creditedIdealS: (250 / 0.268) * 60, aptS: 60_000 }),
    ]
    const [line] = textileEfficiency(plant, rows.slice(0, 1), ['line'])
    expect(line?.values.loom?.picks).toBe(picks)
    expect(line?.values.loom?.efficiency).toBeCloseTo(loomEfficiency({ picks: credited, ratedPpm: 750, durationMs: 60_000_000 }) as number, 12)
    expect(line?.values.loom?.efficiency).toBeCloseTo(credited / (750 * 1000), 12)
    expect(line?.values.loom?.stopsPer1e5Picks).toBeCloseTo(stopsPer1e5Picks(30, picks) as number, 12)
    const [spinning] = textileEfficiency(plant, rows.slice(1), ['line'])
    expect(spinning?.values.spinning?.efficiency).toBeCloseTo(ringFrameEfficiency(250, (0.268 * 60_000) / 60) as number, 12)
  })
})
