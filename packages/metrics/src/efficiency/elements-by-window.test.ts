import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { productionByWindow } from '../counters/production-by-window.ts'
import { splitDurations } from '../timeline/split-durations.ts'
import { machineElementsByWindow, machineWindow } from './elements-by-window.ts'
import { sumElements } from './elements.ts'
import { kpis } from './kpis.ts'
import { machineElements } from './machine-elements.ts'

const M = 60_000
const minutes = (n: number) => Array.from({ length: n }, (_, i) => ({ startMs: i * M, endMs: (i + 1) * M }))

describe('machine elements per window', () => {
  it('cuts states, stops and counts at minute edges', () => {
    const perMinute = machineElementsByWindow({
      changes: [{ tsMs: 0, state: 'running' }, { tsMs: 90_000, state: 'down', reason: 'weft_break' }, { tsMs: 150_000, state: 'running' }],
      counts: [{ tsMs: 0, total: 1_000, good: 1_000 }, { tsMs: 90_000, total: 1_270, good: 1_260 }, { tsMs: 180_000, total: 9, good: 9 }],
      windows: minutes(3),
      timeline: { stalenessMs: 5 * M },
      unit: 'pick',
      idealRatePerMin: 180,
    })
    expect(perMinute.map((e) => [e.aptMs / 1000, e.adetMs / 1000])).toEqual([[60, 0], [30, 30], [30, 30]])
    expect(perMinute.map((e) => e.stops.weft_break?.count ?? 0)).toEqual([0, 1, 0])
    // 270 picks over the first 90 s, then a restart: 9 picks spread over the last 90 s.
    expect(perMinute.map((e) => e.producedQty.pick)).toEqual([180, 90 + 3, 6])
    expect(perMinute[0]?.goodQty.pick).toBeCloseTo((260 * 60) / 90, 9)
  })

  it('reports quality as not measured when the device sends no good count', () => {
    const [e] = machineElementsByWindow({ changes: [{ tsMs: 0, state: 'running' }], counts: [{ tsMs: 0, total: 0 }, { tsMs: M, total: 60 }], windows: minutes(1), timeline: { stalenessMs: 5 * M }, unit: 'kg', idealRatePerMin: 60 })
    expect(kpis(e!)).toMatchObject({ qualityMeasured: false, quality: 1, oee: 1 })
  })

  it('keeps the time after a reported unknown (a Sparkplug death) out of every KPI, reference vector', () => {
    // 0-4 min running, death at 4, rebirth down (warp break) at 7, running at 8, window 10 min.
    const changes = [
      { tsMs: 0, state: 'running' as const },
      { tsMs: 4 * M, state: 'unknown' as const, reason: 'edge_node_death' },
      { tsMs: 7 * M, state: 'down' as const, reason: 'warp_break' },
      { tsMs: 8 * M, state: 'running' as const },
    ]
    const e = machineElements({ changes, window: { startMs: 0, endMs: 10 * M }, timeline: { stalenessMs: 5 * M } })
    expect(e).toMatchObject({ aptMs: 6 * M, adetMs: M, unknownMs: 3 * M, reasonedMs: M, stops: { warp_break: { count: 1, durationMs: M } } })
    // Availability = APT / PBT = 6 / 7; the 3 unknown minutes are in no denominator, only in coverage (7 / 10).
    expect(kpis(e)).toMatchObject({ availability: 6 / 7, dataCoverage: 0.7, stopCount: 1 })
    // Without the report running would have held to the staleness limit (5 min): 7 min of APT, 2 unknown.
    const silent = machineElements({ changes: changes.filter((c) => c.state !== 'unknown'), window: { startMs: 0, endMs: 10 * M }, timeline: { stalenessMs: 5 * M } })
    expect(silent).toMatchObject({ aptMs: 7 * M, unknownMs: 2 * M })
  })

  it('adds up per-minute elements to the elements of the whole span', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ tsMs: fc.integer({ min: 0, max: 30 * M }), state: fc.constantFrom('running', 'idle', 'down', 'setup' as const) }), { maxLength: 15 }),
        (changes) => {
          const timeline = { stalenessMs: 4 * M }
          const whole = machineElements({ changes, window: { startMs: 0, endMs: 30 * M }, timeline })
          const summed = sumElements(machineElementsByWindow({ changes, windows: minutes(30), timeline, unit: 'pick', idealRatePerMin: 1 }))
          expect(summed).toEqual(whole)
        },
      ),
    )
  })
})

describe('one window of a machine (the aggregator\'s minute)', () => {
  it('gives what machineElementsByWindow, splitDurations and productionByWindow give for it, from one timeline', () => {
    const change = fc.record({ tsMs: fc.integer({ min: -2 * M, max: 3 * M }), state: fc.constantFrom('running', 'idle', 'down', 'setup', 'unknown' as const), reason: fc.option(fc.constantFrom('warp_break', 'weft_break'), { nil: undefined }) })
    const count = fc.record({ tsMs: fc.integer({ min: -2 * M, max: 3 * M }), total: fc.integer({ min: 0, max: 5_000 }), good: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }) })
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 8 }),
        fc.array(count, { maxLength: 8 }),
        fc.option(fc.record({ startMs: fc.integer({ min: 0, max: 30_000 }), lengthMs: fc.integer({ min: 1, max: 60_000 }), kind: fc.constantFrom('break', 'non_scheduled' as const) }), { nil: undefined }),
        fc.integer({ min: 0, max: 50 }),
        (changes, counts, plan, goodCarryInQty) => {
          const window = { startMs: 0, endMs: M }
          const timeline = { stalenessMs: 2 * M }
          const input = {
            changes: changes.map(({ reason, ...c }) => (reason === undefined ? c : { ...c, reason })),
            counts: counts.map(({ good, ...c }) => (good === undefined ? c : { ...c, good })),
            timeline,
            ...(plan ? { plan: [{ startMs: plan.startMs, endMs: plan.startMs + plan.lengthMs, kind: plan.kind }] } : {}),
            unit: 'pick' as const,
            idealRatePerMin: 180,
            counter: { maxSpreadMs: 5 * M, limit: { maxRatePerH: 60_000, stepQty: 1 } },
            goodCarryInQty,
          }
          const one = machineWindow({ ...input, window })
          expect(one.elements).toEqual(machineElementsByWindow({ ...input, windows: [window] })[0])
          expect(one.durations).toEqual(splitDurations(input.changes, window, timeline))
          expect(one.production).toEqual(productionByWindow(input.counts, [window], { ...input.counter, goodCarryInQty }))
        },
      ),
      { numRuns: 500 },
    )
  })
})
