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

  it('credits no output whose run time is unknown: a loom silent for an hour, reference vector (issue 16)', () => {
    // 60 picks/min ideal, running at 0.9; readings at 10 s past each minute, then silent from 4:10 to 64:10.
    const at = [0, 1, 2, 3, 4, 64, 65, 66].map((m) => m * M + 10_000)
    const changes = at.map((tsMs) => ({ tsMs, state: 'running' as const }))
    const counts = at.map((tsMs) => ({ tsMs, total: (0.9 * 60 * tsMs) / M }))
    const input = { changes, counts, timeline: { stalenessMs: 5 * M }, unit: 'pick' as const, idealRatePerMin: 60, counter: { maxSpreadMs: 5 * M } }
    const [e] = machineElementsByWindow({ ...input, windows: [{ startMs: 64 * M, endMs: 65 * M }] })
    // The minute of the reading after the silence: 50 s run, 45 picks spread from its next reading, 3 240 lumped.
    expect(e!.aptMs).toBe(50_000)
    expect(e!.producedQty.pick).toBeCloseTo(3_240 + 45, 9)
    expect(e!.creditedIdealMs! / 1000).toBeCloseTo(45, 9)
    expect(kpis(e!).effectiveness).toBeCloseTo(0.9, 12)
    // Crediting the lump, as before, gave E = 3 285 / 50 = 65.7 (6 570 %).
    expect(e!.idealProducedMs / e!.aptMs).toBeCloseTo(65.7, 9)
    expect(machineWindow({ ...input, window: { startMs: 64 * M, endMs: 65 * M } }).elements).toEqual(e)
    // Without a spread limit every gap is spread, nothing is lumped, and the elements carry no credited fields.
    const [spread] = machineElementsByWindow({ ...input, counter: {}, windows: [{ startMs: 64 * M, endMs: 65 * M }] })
    expect(spread).not.toHaveProperty('creditedIdealMs')
  })

  it('never shows a machine faster than it ran, whatever its silences, and exactly its speed where it reported throughout (issue 16)', () => {
    const spreadMs = 5 * M
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 1.2, noNaN: true }),
        fc.integer({ min: 20, max: 600 }),
        fc.array(fc.oneof(fc.integer({ min: 5_000, max: spreadMs }), fc.integer({ min: spreadMs + 1, max: 90 * M })), { minLength: 1, maxLength: 12 }),
        (speed, rate, gaps) => {
          const at = gaps.reduce((ts, g) => [...ts, (ts.at(-1) as number) + g], [7_000])
          const changes = at.map((tsMs) => ({ tsMs, state: 'running' as const }))
          const counts = at.map((tsMs) => ({ tsMs, total: (speed * rate * tsMs) / M }))
          const windows = minutes(Math.ceil((at.at(-1) as number) / M) + 1)
          const input = { changes, counts, timeline: { stalenessMs: spreadMs }, unit: 'pick' as const, idealRatePerMin: rate, counter: { maxSpreadMs: spreadMs } }
          const perMinute = machineElementsByWindow({ ...input, windows })
          perMinute.forEach((e, i) => {
            const w = windows[i]!
            const effectiveness = kpis(e).effectiveness
            if (effectiveness !== null) expect(effectiveness).toBeLessThanOrEqual(speed * (1 + 1e-9))
            // Readings around the minute no further apart than the spread: its output is all credited.
            const from = at.findLastIndex((t) => t <= w.startMs)
            const to = at.findIndex((t) => t >= w.endMs)
            const covered = from >= 0 && to >= 0 && at.slice(from, to + 1).every((t, k, a) => k === 0 || t - (a[k - 1] as number) <= spreadMs)
            if (covered) expect(effectiveness).toBeCloseTo(speed, 9)
            if (i % 17 === 0) expect(machineWindow({ ...input, window: w }).elements).toEqual(e)
          })
          // Every pick is production, lumped or not.
          const produced = perMinute.reduce((n, e) => n + (e.producedQty.pick ?? 0), 0)
          expect(produced).toBeCloseTo((speed * rate * ((at.at(-1) as number) - 7_000)) / M, 6)
        },
      ),
      { numRuns: 60 },
    )
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
