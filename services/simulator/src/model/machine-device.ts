import type { EnergyMedium, Machine } from '@millstream/contract'
import type { Segment } from './machine-timeline.ts'
import type { Prng } from './prng.ts'
import { ceilToStep, type Emit } from './raw-event.ts'
import { countReading, flowReading, meterReading } from './readings.ts'

export interface MachineDeviceOptions {
  machine: Machine
  timeline: { next(): Segment }
  /** Draws the device's initial counter and meter readings (it has been counting for a while). */
  prng: Prng
  startMs: number
  periodMs: number
  heartbeatMs: number
  goodShare?: number
  /** Typical draw per hour of each medium: sizes the meters' initial readings. */
  typicalDrawPerH: Record<EnergyMedium, number>
  /** Sees every segment as it begins (tests check time conservation with it). */
  onSegment?: (segment: Segment) => void
}

export interface MachineDevice {
  /** Emits, in time order, every state change, heartbeat and reading with a time <= toMs. */
  advanceTo(toMs: number, emit: Emit): void
  /** Physical consumption since the start at `ms` (>= the last time advanced to), for plant and line meters. */
  drawnSinceStart(ms: number): Record<EnergyMedium, number>
  current(): Segment
}

const HOUR_MS = 3_600_000
const MEDIA: EnergyMedium[] = ['electricity', 'steam', 'water', 'gas']
const isSilent = (s: Segment) => s.state === 'off' && s.reason === 'restart'

/**
 * One machine as its controller reports it: a state message on every change (and a heartbeat of
 * the current state every heartbeatMs), cumulative count and meter readings every periodMs.
 * A controller restart silences the device; it comes back with counters and meters at zero.
 */
export function createMachineDevice(options: MachineDeviceOptions): MachineDevice {
  const { machine, timeline, periodMs, heartbeatMs, goodShare } = options
  let segment = timeline.next()
  options.onSegment?.(segment)
  const produced = { atStart: 0 }
  const drawn: Record<EnergyMedium, number> = { electricity: 0, steam: 0, water: 0, gas: 0 }
  // Offsets turn physical totals into what the device shows: negative at first (an old counter), reset on restart.
  let countOffset = -machine.idealRatePerMin * options.prng.uniform(2_000, 200_000)
  // An old meter: 500-20 000 hours at the machine's typical draw of that medium.
  const meterOffset = Object.fromEntries(MEDIA.map((m) => [m, -(options.typicalDrawPerH[m] || 1) * options.prng.uniform(500, 20_000)])) as Record<EnergyMedium, number>
  let nextSampleMs = ceilToStep(options.startMs, periodMs)
  let nextHeartbeatMs = ceilToStep(options.startMs, heartbeatMs)
  let lastStateMs = Number.NaN
  let announced = false

  const hoursInto = (ms: number) => (ms - segment.startMs) / HOUR_MS
  const countAt = (ms: number) => produced.atStart + segment.outputPerH * hoursInto(ms)

  function emitState(emit: Emit, ms: number, heartbeat: boolean): void {
    emit({ channel: 'state', ts: ms, state: segment.state, ...(segment.reason ? { reason: segment.reason } : {}), heartbeat })
    lastStateMs = ms
  }

  function emitReadings(emit: Emit, ms: number): void {
    const raw = countAt(ms) - countOffset
    const total = countReading(raw, machine.unit)
    emit({ channel: 'count', ts: ms, total, unit: machine.unit, ...(goodShare ? { good: countReading(raw * goodShare, machine.unit) } : {}) })
    const now = device.drawnSinceStart(ms)
    for (const medium of machine.meters) {
      emit({ channel: 'energy', ts: ms, medium, total: meterReading(now[medium] - meterOffset[medium], medium), power: flowReading(segment.drawPerH[medium]) })
    }
  }

  function finishSegment(emit: Emit): void {
    const durationH = (segment.endMs - segment.startMs) / HOUR_MS
    produced.atStart += segment.outputPerH * durationH + (segment.batchDone ?? 0)
    for (const m of MEDIA) drawn[m] += segment.drawPerH[m] * durationH
    const wasRestart = isSilent(segment)
    const previous = segment
    segment = timeline.next()
    options.onSegment?.(segment)
    if (wasRestart) {
      countOffset = produced.atStart
      for (const m of MEDIA) meterOffset[m] = drawn[m]
    }
    const changed = previous.state !== segment.state || previous.reason !== segment.reason
    if (!isSilent(segment) && (wasRestart || changed)) emitState(emit, segment.startMs, false)
  }

  const device: MachineDevice = {
    advanceTo(toMs, emit) {
      if (!announced && options.startMs <= toMs) {
        announced = true
        if (!isSilent(segment)) emitState(emit, options.startMs, false)
      }
      for (;;) {
        const t = Math.min(segment.endMs, nextHeartbeatMs, nextSampleMs)
        if (t > toMs) return
        if (t === segment.endMs) {
          finishSegment(emit)
        } else if (t === nextHeartbeatMs) {
          if (!isSilent(segment) && lastStateMs !== t) emitState(emit, t, true)
          nextHeartbeatMs += heartbeatMs
        } else {
          if (!isSilent(segment)) emitReadings(emit, t)
          nextSampleMs += periodMs
        }
      }
    },
    drawnSinceStart(ms) {
      const h = hoursInto(ms)
      return {
        electricity: drawn.electricity + segment.drawPerH.electricity * h,
        steam: drawn.steam + segment.drawPerH.steam * h,
        water: drawn.water + segment.drawPerH.water * h,
        gas: drawn.gas + segment.drawPerH.gas * h,
      }
    },
    current: () => segment,
  }
  return device
}
