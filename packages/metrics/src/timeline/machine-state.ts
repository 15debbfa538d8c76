/**
 * Machine states of the v1 wire contract (packages/contract payloads.ts MACHINE_STATES), plus
 * `unknown`: time the pipeline cannot attribute, because the machine fell silent or because its
 * live state was reported lost (contract REPORTED_STATES, issue 16: a Sparkplug death).
 */
export const MACHINE_STATES = ['running', 'idle', 'down', 'setup', 'planned_stop', 'off'] as const
export type MachineState = (typeof MACHINE_STATES)[number]
export const TIMELINE_STATES = [...MACHINE_STATES, 'unknown'] as const
export type TimelineState = (typeof TIMELINE_STATES)[number]

/**
 * A `state` message: the machine is in `state` from `tsMs` until its next state message. `unknown`
 * says the live state is lost from `tsMs` on: that time is unknown until the next message.
 */
export interface StateChange {
  tsMs: number
  state: TimelineState
  reason?: string
  seq?: number
  /** The device run `seq` counts in (contract `boot`); kept for de-duplication, unused by the domain. */
  boot?: string
}

/** Milliseconds spent in each state. */
export type StateDurations = Record<TimelineState, number>

export function emptyStateDurations(): StateDurations {
  return { running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, off: 0, unknown: 0 }
}
