import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planSegments } from '../time/plan-segments.ts'
import type { StateChange } from '../timeline/machine-state.ts'
import { addElements, emptyElements, sumElements, type EfficiencyElements } from './elements.ts'
import { kpis } from './kpis.ts'
import { machineElements } from './machine-elements.ts'

const M = 60_000
const utc = (iso: string) => Date.parse(iso)
const SH = 'Asia/Shanghai'
const timeline = { stalenessMs: 10 * M }

describe('ISO 22400-2 KPIs', () => {
  it('reproduce the Vorne worked OEE example from a shift timeline and counts', () => {
    // Source: Vorne Industries, "OEE Calculation" (oee.com/calculating-oee): 8 h shift, two 15 min
    // breaks and a 30 min meal (planned production time 420 min), 47 min down time, ideal cycle
    // 1.0 s, 19 271 pieces of which 423 rejects. A 88.81 %, P 86.11 %, Q 97.80 %, OEE 74.79 %.
    const at = (hhmm: string) => utc(`2026-03-02T${hhmm}:00+08:00`)
    const calendar = {
      shifts: [{ id: 'a', name: 'Day', start: '06:00', durationH: 8, breaks: [{ start: '09:00', durationMin: 15 }, { start: '11:30', durationMin: 30 }, { start: '13:00', durationMin: 15 }] }],
    }
    const changes: StateChange[] = [
      ['06:00', 'running'], ['09:00', 'idle'], ['09:15', 'running'], ['10:00', 'down'], ['10:47', 'running'],
      ['11:30', 'idle'], ['12:00', 'running'], ['13:00', 'idle'], ['13:15', 'running'], ['14:00', 'off'],
    ].map(([t, state]) => ({ tsMs: at(t as string), state: state as StateChange['state'] }))
    const window = { startMs: at('06:00'), endMs: at('14:00') }
    const e = machineElements({
      changes, window, timeline: { stalenessMs: 4 * 60 * M },
      plan: planSegments(window, calendar, SH),
      production: { unit: 'piece', producedQty: 19_271, goodQty: 19_271 - 423, idealRatePerMin: 60 },
    })
    expect(e).toMatchObject({ aptMs: 373 * M, adetMs: 47 * M, pdtMs: 60 * M, unknownMs: 0 })
    const k = kpis(e)
    expect(k.pbtMs).toBe(420 * M)
    expect(k.availability).toBeCloseTo(0.8881, 4)
    expect(k.effectiveness).toBeCloseTo(0.8611, 4)
    expect(k.quality).toBeCloseTo(0.978, 4)
    expect(k.oee).toBeCloseTo(0.7479, 4)
    expect(k.oee).toBeCloseTo(k.availability! * k.effectiveness! * k.quality!, 12)
    expect(k).toMatchObject({ stopCount: 1, mtbfMs: 373 * M, mttrMs: 47 * M, qualityMeasured: true })
    expect(k.scrapRatio).toBeCloseTo(423 / 19_271, 10)
  })

  it('reproduce the world-class OEE of 90 % x 95 % x 99.9 % = 85.4 %', () => {
    // Source: Nakajima/TPM world-class figures as quoted in [S7] (domain.md §3): A 90 %, P 95 %, Q 99.9 %.
    const e: EfficiencyElements = { ...emptyElements(), aptMs: 900 * M, adetMs: 100 * M, idealProducedMs: 855 * M, idealInspectedMs: 855 * M, idealGoodMs: 855 * 0.999 * M }
    const k = kpis(e)
    expect([k.availability, k.effectiveness, k.quality]).toEqual([0.9, 0.95, expect.closeTo(0.999, 12)])
    expect(k.oee).toBeCloseTo(0.854, 3)
    expect(k.technicalEfficiency).toBe(0.9)
  })

  it('gives null, not NaN, when there was no planned time', () => {
    const offAllDay = machineElements({ changes: [{ tsMs: 0, state: 'off' }], window: { startMs: 0, endMs: 60 * M }, timeline: { ...timeline, heldStates: ['off'] } })
    const k = kpis(offAllDay)
    expect(k).toMatchObject({ pbtMs: 0, availability: null, effectiveness: null, oee: null, nee: null, setupRate: null, mtbfMs: null, mttrMs: null, dataCoverage: 1 })
    expect(Object.values(k).some((v) => typeof v === 'number' && !Number.isFinite(v))).toBe(false)
  })

  it('scores a machine that never ran at zero availability and zero OEE', () => {
    const e = machineElements({ changes: [{ tsMs: 0, state: 'idle', reason: 'no_material' }], window: { startMs: 0, endMs: 60 * M }, timeline: { stalenessMs: 60 * M } })
    expect(kpis(e)).toMatchObject({ availability: 0, effectiveness: null, oee: 0, nee: 0, quality: 1, qualityMeasured: false })
    expect(e.reasonedMs).toBe(60 * M)
  })

  it('reports a window with only unknown time as no coverage and no KPI', () => {
    const k = kpis(machineElements({ changes: [], window: { startMs: 0, endMs: M }, timeline }))
    expect(k).toMatchObject({ dataCoverage: 0, availability: null, oee: null })
  })

  it('sets quality to 1 and flags it when no good count is reported', () => {
    const e = machineElements({ changes: [{ tsMs: 0, state: 'running' }], window: { startMs: 0, endMs: 10 * M }, timeline, production: { unit: 'kg', producedQty: 9, idealRatePerMin: 1 } })
    expect(kpis(e)).toMatchObject({ quality: 1, qualityMeasured: false, scrapRatio: null, availability: 1 })
    expect(kpis(e).oee).toBeCloseTo(0.9, 12)
  })

  it('credits running through a planned break without pushing availability over 1', () => {
    const calendar = { shifts: [{ id: 'a', name: 'A', start: '00:00', durationH: 8, breaks: [{ start: '00:30', durationMin: 30 }] }] }
    const window = { startMs: utc('2026-03-02T00:00:00+08:00'), endMs: utc('2026-03-02T01:00:00+08:00') }
    const e = machineElements({ changes: [{ tsMs: window.startMs, state: 'running' }], window, timeline: { stalenessMs: 2 * 60 * M }, plan: planSegments(window, calendar, SH) })
    expect(e).toMatchObject({ aptMs: 60 * M, pdtMs: 0 })
    expect(kpis(e).availability).toBe(1)
  })

  it('does not count standing still outside every shift as a loss', () => {
    const calendar = { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 8 }] }
    const window = { startMs: utc('2026-03-02T06:00:00+08:00'), endMs: utc('2026-03-02T10:00:00+08:00') }
    const e = machineElements({ changes: [{ tsMs: window.startMs, state: 'down', reason: 'maintenance' }], window, timeline: { stalenessMs: 8 * 60 * M }, plan: planSegments(window, calendar, SH) })
    expect(e).toMatchObject({ nonScheduledMs: 120 * M, adetMs: 120 * M, reasonedMs: 120 * M })
  })
})

const arbMachine = fc
  .record({
    changes: fc.array(fc.record({ tsMs: fc.integer({ min: 0, max: 120 * M }), state: fc.constantFrom('running', 'idle', 'down', 'setup', 'planned_stop', 'off' as const) }), { maxLength: 20 }),
    produced: fc.integer({ min: 0, max: 10_000 }),
    goodShare: fc.option(fc.double({ min: 0, max: 1.2, noNaN: true }), { nil: undefined }),
    rate: fc.double({ min: 0.5, max: 500, noNaN: true }),
  })
  .map(({ changes, produced, goodShare, rate }) =>
    machineElements({
      changes, window: { startMs: 0, endMs: 120 * M }, timeline,
      production: { unit: 'pick', producedQty: produced, goodQty: goodShare === undefined ? undefined : produced * goodShare, idealRatePerMin: rate },
    }),
  )

describe('KPI properties', () => {
  it('keep availability, quality and the other ratios in [0, 1]; only effectiveness may exceed 1', () => {
    fc.assert(
      fc.property(fc.array(arbMachine, { minLength: 1, maxLength: 4 }), (machines) => {
        const k = kpis(sumElements(machines))
        for (const key of ['availability', 'quality', 'technicalEfficiency', 'setupRate', 'allocationEfficiency', 'utilizationEfficiency', 'scrapRatio', 'dataCoverage'] as const) {
          const v = k[key]
          if (v !== null) expect(v >= 0 && v <= 1, `${key} = ${v}`).toBe(true)
        }
        if (k.effectiveness !== null) expect(k.effectiveness >= 0).toBe(true)
        if (k.oee !== null && k.effectiveness !== null) expect(k.oee).toBeCloseTo(k.availability! * k.effectiveness * k.quality!, 9)
      }),
    )
  })

  it('make line OEE the OEE of the summed elements: a PBT-weighted mean, never a plain average', () => {
    fc.assert(
      fc.property(fc.array(arbMachine, { minLength: 1, maxLength: 5 }), (machines) => {
        const line = kpis(sumElements(machines))
        const sumIdealGood = machines.reduce((s, m) => s + m.idealProducedMs * kpis(m).quality!, 0)
        if (line.oee !== null && machines.every((m) => kpis(m).qualityMeasured)) expect(line.oee).toBeCloseTo(sumIdealGood / line.pbtMs, 9)
        const sumPbt = machines.reduce((s, m) => s + kpis(m).pbtMs, 0)
        // Output counted while a machine had no planned busy time still counts for the line.
        const allDefined = machines.every((m) => (kpis(m).pbtMs > 0 ? kpis(m).oee !== null : m.idealProducedMs === 0))
        const allQualityAlike = machines.every((m) => kpis(m).qualityMeasured) || machines.every((m) => !kpis(m).qualityMeasured)
        if (sumPbt === 0 || !allDefined || !allQualityAlike) return
        const weighted = machines.reduce((s, m) => s + (kpis(m).oee ?? 0) * kpis(m).pbtMs, 0) / sumPbt
        expect(line.oee).toBeCloseTo(weighted, 9)
      }),
    )
    // A loom that ran its planned hour and one that ran 4 of its planned 240 minutes.
    const busy = { ...emptyElements(), aptMs: 60 * M, idealProducedMs: 60 * M }
    const idle = { ...emptyElements(), aptMs: 4 * M, adotMs: 236 * M, idealProducedMs: 4 * M }
    expect(kpis(addElements(busy, idle)).oee).toBeCloseTo(64 / 300, 12)
    expect(kpis(addElements(busy, idle)).oee).not.toBeCloseTo((kpis(busy).oee! + kpis(idle).oee!) / 2, 3)
  })

  it('add elements in any order to the same sums', () => {
    fc.assert(
      fc.property(arbMachine, arbMachine, arbMachine, (a, b, c) => {
        const left = kpis(addElements(addElements(a, b), c))
        const right = kpis(addElements(c, addElements(b, a)))
        for (const [key, v] of Object.entries(left)) {
          const w = right[key as keyof typeof right]
          if (typeof v === 'number' && typeof w === 'number') expect(w).toBeCloseTo(v, 6)
          else expect(w).toEqual(v)
        }
      }),
    )
  })
})
