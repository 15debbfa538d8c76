import type { RawEvent } from '../model/raw-event.ts'
import type { Prng } from '../model/prng.ts'
import { createPoissonSchedule, type EventSchedule } from './event-schedule.ts'

/**
 * Register discontinuities (issue 9): what a real plant's registers do besides counting.
 * `rewind`: the register is set back to a large value (a controller restored from an old backup);
 * `meter_replaced`: a new meter with its own non-zero start; `spike`: one corrupted reading far
 * above the register, the next one back on track. Each is sized far beyond what the device can
 * make in a reading period, so the pipeline must exclude the interval and say why.
 */
export const REGISTER_FAULTS = ['rewind', 'meter_replaced', 'spike'] as const
export type RegisterFault = (typeof REGISTER_FAULTS)[number]

export interface RegisterFaultInjection {
  device: string
  /** `count` or `energy:<medium>`: the series of the affected reading. */
  series: string
  fault: RegisterFault
  /** Event time and seq of the first reading that shows it. */
  atMs: number
  seq: number
}

/** What the ledger needs on each published reading to tell which intervals a correct pipeline excludes. */
export interface RegisterMark {
  /** Changes with every rewind or replacement: a pair of readings of different epochs spans one. */
  epoch: number
  /** This reading is a spike: both intervals around it are excluded. */
  spike: boolean
}

export interface RegisterFaults {
  /** Applies due faults to a reading event; returns the published event and its mark. */
  apply(event: RawEvent, seq: number): { event: RawEvent; mark?: RegisterMark }
}

/**
 * @param scaleOf a step the device cannot make in an hour, per series (one hour of its registry
 * maximum, or ten batches): faults are at least this big so the plausibility rule must catch them.
 */
export function createRegisterFaults(o: { device: string; ratePerH: number; startMs: number; prng: Prng; scaleOf: (series: string) => number; injected: RegisterFaultInjection[] }): RegisterFaults {
  const schedule: EventSchedule = createPoissonSchedule(o.prng, o.ratePerH, o.startMs)
  const offsets = new Map<string, number>()
  const epochs = new Map<string, number>()
  const lastRaw = new Map<string, number>()
  let pending = 0

  return {
    apply(event, seq) {
      if (event.channel === 'state' || event.channel === 'process') return { event }
      const series = event.channel === 'count' ? 'count' : `energy:${event.medium}`
      pending += schedule.takeDue(event.ts).length
      // A controller restart starts the register from zero again: a fault's offset ends with it.
      if (event.total < (lastRaw.get(series) ?? 0)) offsets.delete(series)
      lastRaw.set(series, event.total)
      let offset = offsets.get(series) ?? 0
      let spike = 0
      const scale = o.scaleOf(series)
      const published = event.total + offset
      // Only on a register big enough that the fault cannot pass for a restart from zero.
      if (pending > 0 && published >= 2 * scale) {
        pending -= 1
        const fault = event.channel === 'count' ? (o.prng.chance(0.5) ? 'rewind' : 'spike') : REGISTER_FAULTS[Math.floor(o.prng.next() * REGISTER_FAULTS.length)] as RegisterFault
        if (fault === 'spike') spike = 10 * scale + published
        else if (fault === 'rewind') offset -= published * o.prng.uniform(0.3, 0.6)
        else offset += (o.prng.chance(0.5) ? 1 : -0.5) * (scale + published * o.prng.uniform(0, 0.4))
        if (fault !== 'spike') {
          offsets.set(series, offset)
          epochs.set(series, (epochs.get(series) ?? 0) + 1)
        }
        o.injected.push({ device: o.device, series, fault, atMs: event.ts, seq })
      }
      const mark = { epoch: epochs.get(series) ?? 0, spike: spike > 0 }
      const shift = offset + spike
      if (shift === 0) return { event, mark }
      const round = (x: number) => Math.round(x * 1000) / 1000
      if (event.channel === 'count') {
        const good = event.good === undefined ? {} : { good: round(Math.max(0, event.good + shift)) }
        return { event: { ...event, total: round(event.total + shift), ...good }, mark }
      }
      return { event: { ...event, total: round(event.total + shift) }, mark }
    },
  }
}
