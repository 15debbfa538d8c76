import type { MachineType } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { createPoissonSchedule } from '../chaos/event-schedule.ts'
import { createMachineDevice } from './machine-device.ts'
import { MACHINE_PROFILES } from './machine-profiles.ts'
import { createMachineTimeline, type Segment } from './machine-timeline.ts'
import { createPrng } from './prng.ts'
import type { RawEvent } from './raw-event.ts'
import { createShiftCalendar } from './shift-calendar.ts'
import { ALL_DAY, GARMENT_DAY, HOUR_MS, MONDAY_MIDNIGHT_SHANGHAI, demoMachineOfEachType } from './test-fixtures.ts'

const machines = demoMachineOfEachType()

function run(options: { type: MachineType; seed: number; hours: number; resetPerH?: number; garment?: boolean }) {
  const machine = machines[options.type]
  const startMs = MONDAY_MIDNIGHT_SHANGHAI
  const segments: Segment[] = []
  const timeline = createMachineTimeline({
    machine, profile: MACHINE_PROFILES[options.type], calendar: createShiftCalendar(options.garment ? GARMENT_DAY : ALL_DAY, 'Asia/Shanghai'),
    prng: createPrng(options.seed, 'model'), startMs, restarts: createPoissonSchedule(createPrng(options.seed, 'r'), options.resetPerH ?? 0, startMs),
  })
  const device = createMachineDevice({
    machine, timeline, startMs, periodMs: 10_000, heartbeatMs: 60_000, prng: createPrng(options.seed, 'initial'), typicalDrawPerH: { electricity: machine.ratedPowerKw, steam: 1, water: 1, gas: 1 },
    goodShare: MACHINE_PROFILES[options.type].goodShare, onSegment: (s) => segments.push(s),
  })
  const events: RawEvent[] = []
  device.advanceTo(startMs + options.hours * HOUR_MS, (e) => events.push(e))
  return { events, segments, machine, endMs: startMs + options.hours * HOUR_MS }
}

const restartWindows = (segments: Segment[]) => segments.filter((s) => s.reason === 'restart')
const afterRestart = (segments: Segment[], ts: number) => restartWindows(segments).some((s) => s.endMs <= ts && ts - s.endMs <= 10_000)

describe('createMachineDevice', () => {
  it('keeps counters and meters monotonic, and drops them only on the first reading after a restart', () => {
    for (const type of ['loom', 'jet_dyeing', 'stenter', 'ring_frame'] as const) {
      const { events, segments } = run({ type, seed: 11, hours: 48, resetPerH: 0.1 })
      const last = new Map<string, number>()
      let drops = 0
      let negative = 0
      for (const e of events) {
        if (e.channel === 'state' || e.channel === 'process') continue
        const series = e.channel === 'count' ? 'count' : e.medium
        const previous = last.get(series)
        if (previous !== undefined && e.total < previous) {
          expect(afterRestart(segments, e.ts), `${type} ${series} drop at ${e.ts}`).toBe(true)
          drops++
        }
        if (e.total < 0) negative++
        last.set(series, e.total)
      }
      expect(drops, type).toBeGreaterThan(0)
      expect(negative, type).toBe(0)
    }
  })

  it('is silent while its controller restarts and announces its state when it is back', () => {
    const { events, segments } = run({ type: 'loom', seed: 2, hours: 48, resetPerH: 0.2 })
    const restarts = restartWindows(segments)
    expect(restarts.length).toBeGreaterThan(2)
    for (const r of restarts) {
      expect(events.filter((e) => e.ts >= r.startMs && e.ts < r.endMs)).toEqual([])
      expect(events.find((e) => e.ts === r.endMs && e.channel === 'state')).toMatchObject({ heartbeat: false })
    }
  })

  it('reports production equal to the output of its running segments, within the published resolution', () => {
    const { events, segments, endMs } = run({ type: 'circular_knitting', seed: 3, hours: 24 })
    const counts = events.filter((e): e is Extract<RawEvent, { channel: 'count' }> => e.channel === 'count')
    const first = counts[0]!
    const last = counts.at(-1)!
    const produced = segments.reduce((sum, s) => sum + (s.outputPerH * Math.max(0, Math.min(s.endMs, last.ts) - Math.max(s.startMs, first.ts))) / HOUR_MS, 0)
    expect(last.total - first.total).toBeCloseTo(produced, 2)
    expect(last.ts).toBe(endMs)
  })

  it('meters electricity as the integral of the draw of each state, including idle draw', () => {
    const { events, segments } = run({ type: 'stenter', seed: 8, hours: 24 })
    const energy = events.filter((e): e is Extract<RawEvent, { channel: 'energy' }> => e.channel === 'energy' && e.medium === 'electricity')
    const [first, last] = [energy[0]!, energy.at(-1)!]
    const expected = segments.reduce((sum, s) => sum + (s.drawPerH.electricity * Math.max(0, Math.min(s.endMs, last.ts) - Math.max(s.startMs, first.ts))) / HOUR_MS, 0)
    expect(last.total - first.total).toBeCloseTo(expected, 1)
    const idle = segments.find((s) => s.state === 'idle')
    expect(idle?.drawPerH.electricity).toBeCloseTo(machines.stenter.ratedPowerKw * 0.55, 6)
  })

  it('draws nothing while off outside shifts', () => {
    const { events: cutter } = run({ type: 'cutting_table', seed: 1, hours: 24, garment: true })
    const night = cutter.filter((e) => e.channel === 'energy' && e.ts > MONDAY_MIDNIGHT_SHANGHAI + 21 * HOUR_MS)
    expect(night.length).toBeGreaterThan(100)
    expect(new Set(night.map((e) => (e.channel === 'energy' ? e.total : -1))).size).toBe(1)
  })

  it('sends a state on every change and a heartbeat of the current state each minute', () => {
    const { events, segments } = run({ type: 'loom', seed: 6, hours: 6 })
    const states = events.filter((e) => e.channel === 'state')
    const changes = states.filter((e) => e.channel === 'state' && !e.heartbeat)
    const distinctChanges = segments.filter((s, i) => i === 0 || s.state !== segments[i - 1]?.state || s.reason !== segments[i - 1]?.reason)
    expect(changes.length).toBe(distinctChanges.filter((s) => s.startMs <= MONDAY_MIDNIGHT_SHANGHAI + 6 * HOUR_MS).length)
    const minutes = new Set(states.filter((e) => e.ts % 60_000 === 0).map((e) => e.ts))
    expect(minutes.size).toBe(6 * 60 + 1)
    expect(events.filter((x) => x.channel === 'count' && x.ts % 10_000 !== 0)).toEqual([])
  })
})
