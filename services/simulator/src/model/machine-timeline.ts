import type { EnergyMedium, Machine, MachineState } from '@millstream/contract'
import type { MachineProfile, StopCause, StopState } from './machine-profile.ts'
import type { Prng } from './prng.ts'
import type { CalendarPoint } from './shift-calendar.ts'

/** A stretch of constant behaviour: state, speed and draw do not change inside it. */
export interface Segment {
  state: MachineState
  reason?: string
  startMs: number
  endMs: number
  /** Output per hour in the machine's unit while running; 0 for stops and for batch machines, which step at batch end. */
  outputPerH: number
  /** Draw per hour of each metered medium: kW for electricity, t/h, m3/h, Nm3/h. */
  drawPerH: Record<EnergyMedium, number>
  /** Batch machines: the batch finishes at endMs and the count steps up by this much. */
  batchDone?: number
}

export interface TimelineOptions {
  machine: Machine
  profile: MachineProfile
  calendar: { at(ms: number): CalendarPoint }
  prng: Prng
  startMs: number
  /** Controller restarts (chaos schedules them): the earliest pending instant, and taking those due. */
  restarts?: { peek(): number; takeDue(ms: number): number[] }
  restartDurationMs?: number
}

interface PendingStop {
  state: StopState
  reason: string
  durationMs: number
}

const HOUR_MS = 3_600_000
const MIN_STOP_MS = 1_000

/**
 * A machine's life as contiguous segments from `startMs` on: runs broken by stops drawn from its
 * profile, planned stops from the shift calendar, and controller restarts. Each call to next()
 * returns the segment that starts where the previous one ended, so time is conserved by construction.
 */
export function createMachineTimeline(options: TimelineOptions): { next(): Segment } {
  const { machine, profile, calendar, prng } = options
  const restarts = options.restarts ?? { peek: () => Infinity, takeDue: () => [] }
  const restartDurationMs = options.restartDurationMs ?? 120_000
  const poisson = profile.stops.filter((s) => s.perRunH !== undefined)
  const poissonRatePerH = poisson.reduce((sum, s) => sum + (s.perRunH ?? 0), 0)
  const periodic = profile.stops.filter((s) => s.everyRunH !== undefined).map((cause) => ({ cause, runH: 0, targetH: jitter(cause) }))
  let batchProgress = prng.uniform(0, profile.batch?.sizeInUnit ?? 0)
  let pending: PendingStop | undefined
  let t = options.startMs

  function jitter(cause: StopCause): number {
    return (cause.everyRunH ?? 1) * prng.uniform(0.9, 1.1)
  }

  function draw(state: MachineState, speed = 1): Record<EnergyMedium, number> {
    const out = { electricity: 0, steam: 0, water: 0, gas: 0 }
    if (state === 'off') return out
    const wobble = state === 'running' ? Math.max(0.5, prng.normal(1, 0.03)) : 1
    out.electricity = machine.ratedPowerKw * profile.power[state] * wobble * (state === 'running' ? speed : 1)
    for (const [medium, byState] of Object.entries(profile.media ?? {})) out[medium as EnergyMedium] = byState[state] * wobble
    return out
  }

  function stopped(state: MachineState, reason: string, endMs: number): Segment {
    return { state, reason, startMs: t, endMs: Math.max(endMs, t + 1), outputPerH: 0, drawPerH: draw(state) }
  }

  function running(limitMs: number): Segment {
    const speed = Math.min(1.02, Math.max(0.3, prng.normal(profile.speed.mean, profile.speed.sd)))
    const outputPerH = machine.idealRatePerMin * 60 * speed * (1 - profile.outputLoss)
    let endMs = limitMs
    let next: PendingStop | undefined
    let batchDone: number | undefined
    const consider = (atMs: number, stop: () => PendingStop) => {
      if (atMs < endMs) {
        endMs = atMs
        next = stop()
      }
    }
    if (poissonRatePerH > 0) {
      const cause = poisson[prng.weighted(poisson.map((s) => s.perRunH ?? 0))] as StopCause
      consider(t + Math.round(prng.exponential(1 / poissonRatePerH) * HOUR_MS), () => stopFor(cause))
    }
    for (const p of periodic) consider(t + Math.round((p.targetH - p.runH) * HOUR_MS), () => stopFor(p.cause))
    const batch = profile.batch
    if (batch) {
      consider(t + Math.round(((batch.sizeInUnit - batchProgress) / outputPerH) * HOUR_MS), () => ({ state: batch.endState, reason: batch.endReason, durationMs: minutesMs(batch.endMeanMin, 0.3) }))
    }
    endMs = Math.max(endMs, t + 1)
    const ranH = (endMs - t) / HOUR_MS
    for (const p of periodic) {
      p.runH += ranH
      if (next?.reason === p.cause.reason && endMs < limitMs) {
        p.runH = 0
        p.targetH = jitter(p.cause)
      }
    }
    if (batch) {
      batchProgress += outputPerH * ranH
      if (next?.reason === batch.endReason && endMs < limitMs) {
        batchDone = batch.sizeInUnit
        batchProgress = 0
      }
    }
    pending = endMs < limitMs ? next : undefined
    return { state: 'running', startMs: t, endMs, outputPerH: batch ? 0 : outputPerH, drawPerH: draw('running', speed), ...(batchDone ? { batchDone } : {}) }
  }

  function stopFor(cause: StopCause): PendingStop {
    return { state: cause.state, reason: cause.reason, durationMs: minutesMs(cause.meanMin, cause.cv ?? 0.5) }
  }

  function minutesMs(meanMin: number, cv: number): number {
    return Math.max(MIN_STOP_MS, Math.round(prng.lognormal(meanMin, cv) * 60_000))
  }

  function nextSegment(): Segment {
    if (restarts.takeDue(t).length > 0) {
      pending = undefined
      return stopped('off', 'restart', t + restartDurationMs)
    }
    const point = calendar.at(t)
    const limitMs = Math.min(point.untilMs, restarts.peek())
    if (point.kind === 'unscheduled') {
      pending = undefined
      return stopped('off', 'not_scheduled', limitMs)
    }
    if (point.kind === 'break' && !profile.runsThroughBreaks) {
      pending = undefined
      return stopped('planned_stop', 'break', limitMs)
    }
    if (pending) {
      const stop = pending
      pending = undefined
      return stopped(stop.state, stop.reason, Math.min(t + stop.durationMs, limitMs))
    }
    return running(limitMs)
  }

  return {
    next() {
      const segment = nextSegment()
      t = segment.endMs
      return segment
    },
  }
}
