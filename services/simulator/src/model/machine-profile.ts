import type { EnergyMedium, MachineState } from '@millstream/contract'

/** A state the machine leaves running for, and why. Stop reasons are lower-case codes (contract `reason`). */
export type StopState = Exclude<MachineState, 'running' | 'off'>

export interface StopCause {
  reason: string
  state: StopState
  /** Poisson rate per running hour; or, with `everyRunH`, a periodic stop after that much running. */
  perRunH?: number
  everyRunH?: number
  /** Mean and coefficient of variation of the log-normal stop duration. */
  meanMin: number
  cv?: number
}

/** Draw per state, as a fraction of the machine's rated power; `off` is always 0. */
export type StateFractions = Record<Exclude<MachineState, 'off'>, number>

export interface MachineProfile {
  /** Operators relieve each other: the machine keeps running through shift breaks. */
  runsThroughBreaks: boolean
  /** Actual speed while running as a fraction of the ideal rate: mean and spread per run segment. */
  speed: { mean: number; sd: number }
  /** Output lost while running (ends down on a ring frame, positions down on a rotor machine). */
  outputLoss: number
  /** Share of output that is good (optional `good` count), when the machine inspects inline. */
  goodShare?: number
  /** Batch machines report their count when a batch ends, not continuously. */
  batch?: { sizeInUnit: number; endState: StopState; endReason: string; endMeanMin: number }
  stops: StopCause[]
  power: StateFractions
  /** Non-electric media per state, in the medium's unit per hour (t/h, m3/h, Nm3/h). */
  media?: Partial<Record<Exclude<EnergyMedium, 'electricity'>, StateFractions>>
}
