import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { carryGood } from './good-carry.ts'
import { productionByWindow, type CountSample } from './production-by-window.ts'

const M = 60_000
const minutes = (n: number) => Array.from({ length: n }, (_, i) => ({ startMs: i * M, endMs: (i + 1) * M }))

describe('good output carried to where output catches up', () => {
  it('counts good that ticked before the total in the next minute with output, not never', () => {
    const r = carryGood([{ producedQty: 0, goodQty: 1 }, { producedQty: 0, goodQty: 0 }, { producedQty: 2, goodQty: 1 }])
    expect(r).toEqual({ goodQty: [0, 0, 2], carryOutQty: 0 })
  })

  it('keeps what is still waiting at the end as carry-out', () => {
    expect(carryGood([{ producedQty: 3, goodQty: 2 }, { producedQty: 0, goodQty: 2 }], 1)).toEqual({ goodQty: [3, 0], carryOutQty: 2 })
  })
})

/**
 * Two registers of one sewing station: each reading the device has made `made` more pieces, of
 * which `bad` were rejected; the good register is published at the same reading or later (it
 * lags), so good can tick where total does not. Cumulative good never exceeds cumulative total.
 */
const arbTwoRegisters = fc
  .array(fc.record({ made: fc.integer({ min: 0, max: 3 }), bad: fc.integer({ min: 0, max: 1 }), goodLag: fc.integer({ min: 0, max: 3 }), gapMs: fc.integer({ min: 5_000, max: 2 * M }) }), { minLength: 1, maxLength: 80 })
  .map((steps) => {
    let total = 0
    let goodMade = 0
    const goodAt: number[] = [] // cumulative good as each reading publishes it
    const made: number[] = []
    const samples: CountSample[] = []
    let ts = 0
    for (const [i, s] of steps.entries()) {
      total += s.made
      goodMade += Math.max(0, s.made - s.bad)
      made.push(goodMade)
      goodAt.push(made[Math.max(0, i - s.goodLag)] as number)
      ts += s.gapMs
      samples.push({ tsMs: ts, total, good: Math.min(Math.max(...goodAt), total) })
    }
    // A final reading once everything is published: the device catches its good register up.
    samples.push({ tsMs: ts + 10_000, total, good: goodMade })
    return { samples: [{ tsMs: 0, total: 0, good: 0 }, ...samples], total, goodMade, endMs: ts + 10_000 }
  })

describe('good count properties', () => {
  it('never has good above produced in any range of minutes, and loses no good once output has caught up', () => {
    fc.assert(
      fc.property(arbTwoRegisters, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), ({ samples, total, goodMade, endMs }, from, len) => {
        const windows = minutes(Math.ceil(endMs / M) + 1)
        const r = productionByWindow(samples, windows)
        const good = r.goodQty as number[]
        const sum = (xs: number[], a: number, b: number) => xs.slice(a, b).reduce((s, x) => s + x, 0)
        const a = from % windows.length
        const b = Math.min(windows.length, a + len)
        expect(sum(good, a, b)).toBeLessThanOrEqual(sum(r.producedQty, a, b) + 1e-9)
        expect(sum(r.producedQty, 0, windows.length)).toBeCloseTo(total, 9)
        // Every good unit is either counted or waiting for output (never dropped) ...
        expect(sum(good, 0, windows.length) + r.goodCarryOutQty).toBeCloseTo(goodMade, 9)
        // ... and what waits is at most the output the good register lagged behind at the end.
        expect(r.goodCarryOutQty).toBeLessThanOrEqual(total - sum(good, 0, windows.length) + 1e-9)
      }),
    )
  })

  it('carrying over split windows gives the same minutes as one pass', () => {
    fc.assert(
      fc.property(arbTwoRegisters, fc.integer({ min: 1, max: 50 }), ({ samples, endMs }, cut) => {
        const windows = minutes(Math.ceil(endMs / M) + 1)
        const k = cut % windows.length
        const whole = productionByWindow(samples, windows)
        const first = productionByWindow(samples, windows.slice(0, k))
        const second = productionByWindow(samples, windows.slice(k), { goodCarryInQty: first.goodCarryOutQty })
        const joined = [...(first.goodQty ?? []), ...(second.goodQty ?? [])]
        joined.forEach((g, i) => expect(g).toBeCloseTo((whole.goodQty as number[])[i] as number, 9))
      }),
    )
  })
})
