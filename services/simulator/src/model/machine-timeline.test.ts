import { MACHINE_TYPES, type MachineType } from '@millstream/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPoissonSchedule } from '../chaos/event-schedule.ts'
import { MACHINE_PROFILES } from './machine-profiles.ts'
import { createMachineTimeline, type Segment } from './machine-timeline.ts'
import { createPrng } from './prng.ts'
import { createShiftCalendar } from './shift-calendar.ts'
import { ALL_DAY, GARMENT_DAY, HOUR_MS, MONDAY_MIDNIGHT_SHANGHAI, demoMachineOfEachType } from './test-fixtures.ts'

const machines = demoMachineOfEachType()
const types = Object.keys(MACHINE_TYPES) as MachineType[]

function segmentsOver(options: { type: MachineType; seed: number; hours: number; calendar?: typeof ALL_DAY; resetPerH?: number }): Segment[] {
  const startMs = MONDAY_MIDNIGHT_SHANGHAI
  const restarts = createPoissonSchedule(createPrng(options.seed, 'restarts'), options.resetPerH ?? 0, startMs)
  const timeline = createMachineTimeline({
    machine: machines[options.type], profile: MACHINE_PROFILES[options.type], calendar: createShiftCalendar(options.calendar ?? ALL_DAY, 'Asia/Shanghai'),
    prng: createPrng(options.seed, 'model'), startMs, restarts,
  })
  const out: Segment[] = []
  while ((out.at(-1)?.endMs ?? startMs) < startMs + options.hours * HOUR_MS) out.push(timeline.next())
  return out
}

/** Milliseconds spent in each state between start and end, clipping the last segment. */
function durations(segments: Segment[], endMs: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const s of segments) out[s.state] = (out[s.state] ?? 0) + Math.max(0, Math.min(s.endMs, endMs) - s.startMs)
  return out
}

describe('createMachineTimeline', () => {
  it('conserves time: segments tile the period, and state durations sum to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), fc.boolean(), (type, seed, garment, resets) => {
        const hours = 72
        const segments = segmentsOver({ type, seed, hours, calendar: garment ? GARMENT_DAY : ALL_DAY, resetPerH: resets ? 0.2 : 0 })
        expect(segments[0]?.startMs).toBe(MONDAY_MIDNIGHT_SHANGHAI)
        for (let i = 1; i < segments.length; i++) expect(segments[i]?.startMs).toBe(segments[i - 1]?.endMs)
        for (const s of segments) expect(s.endMs).toBeGreaterThan(s.startMs)
        const endMs = MONDAY_MIDNIGHT_SHANGHAI + hours * HOUR_MS
        const total = Object.values(durations(segments, endMs)).reduce((a, b) => a + b, 0)
        expect(total).toBe(hours * HOUR_MS)
      }),
      { numRuns: 60 },
    )
  })

  it('keeps each machine type near the efficiencies the sources report', () => {
    // Running share of a 24/7 fortnight; reference/domain.md §3: ring frames 90-93 % efficient [S14],
    // knitting 84-95 % [S16]; the rest are the estimates docs/simulator.md explains.
    const bounds: Record<MachineType, [number, number]> = {
      blowroom: [0.9, 0.99], drawing: [0.9, 0.99], combing: [0.88, 0.98], roving: [0.88, 0.98], winding: [0.9, 0.99],
      ring_frame: [0.93, 0.99], rotor_spinning: [0.93, 0.99], carding: [0.92, 0.99], loom: [0.8, 0.92], circular_knitting: [0.84, 0.95],
      jet_dyeing: [0.75, 0.95], stenter: [0.7, 0.9], sewing_station: [0.8, 0.95], fibre_spinning_line: [0.93, 0.995], down_filling: [0.88, 0.97], cutting_table: [0.75, 0.9],
    }
    for (const type of types) {
      for (const seed of [1, 2]) {
        const hours = 14 * 24
        const share = (durations(segmentsOver({ type, seed, hours }), MONDAY_MIDNIGHT_SHANGHAI + hours * HOUR_MS).running ?? 0) / (hours * HOUR_MS)
        expect(share, `${type} seed ${seed}`).toBeGreaterThan(bounds[type][0])
        expect(share, `${type} seed ${seed}`).toBeLessThan(bounds[type][1])
      }
    }
  })

  it('stops garment machines for breaks, switches them off outside shifts, and never runs them then', () => {
    const segments = segmentsOver({ type: 'sewing_station', seed: 5, hours: 7 * 24, calendar: GARMENT_DAY })
    const cal = createShiftCalendar(GARMENT_DAY, 'Asia/Shanghai')
    for (const s of segments) {
      const kind = cal.at(s.startMs).kind
      if (kind === 'break') expect(s).toMatchObject({ state: 'planned_stop', reason: 'break' })
      if (kind === 'unscheduled') expect(s).toMatchObject({ state: 'off', reason: 'not_scheduled' })
      if (s.state === 'running') expect(kind).toBe('shift')
    }
    expect(segments.filter((s) => s.reason === 'break').length).toBeGreaterThanOrEqual(12) // two breaks a day, six days
  })

  it('lets continuous machines run through breaks, with the stop reasons of their type', () => {
    const segments = segmentsOver({ type: 'loom', seed: 9, hours: 48 })
    const reasons = new Set(segments.filter((s) => s.state !== 'running').map((s) => s.reason))
    expect(reasons.has('warp_break') && reasons.has('weft_break')).toBe(true)
    expect(reasons.has('break')).toBe(false)
    const ring = segmentsOver({ type: 'ring_frame', seed: 9, hours: 48 })
    const doffs = ring.filter((s) => s.reason === 'doffing')
    expect(doffs.length).toBeGreaterThanOrEqual(9) // about every 4.2 running hours
    expect(doffs.every((s) => s.state === 'setup')).toBe(true)
  })

  it('finishes jet-dyeing batches of 500 kg with an unload-load setup after each', () => {
    const segments = segmentsOver({ type: 'jet_dyeing', seed: 4, hours: 72 })
    const done = segments.filter((s) => s.batchDone !== undefined)
    expect(done.length).toBeGreaterThanOrEqual(7)
    for (const s of done) {
      expect(s.batchDone).toBe(500)
      expect(segments[segments.indexOf(s) + 1]).toMatchObject({ state: 'setup', reason: 'unload_load' })
    }
    expect(segments.every((s) => s.outputPerH === 0)).toBe(true)
  })

  it('turns every due restart into a silent off segment that draws nothing', () => {
    const segments = segmentsOver({ type: 'stenter', seed: 3, hours: 48, resetPerH: 0.25 })
    const restarts = segments.filter((s) => s.reason === 'restart')
    expect(restarts.length).toBeGreaterThan(3)
    for (const s of restarts) {
      expect(s.state).toBe('off')
      expect(s.endMs - s.startMs).toBe(120_000)
      expect(Object.values(s.drawPerH).every((v) => v === 0)).toBe(true)
    }
  })
})
