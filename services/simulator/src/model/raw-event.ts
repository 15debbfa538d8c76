import type { CountUnit, EnergyMedium, MachineState } from '@millstream/contract'

/** What a device measured, before sequence numbers, formatting and chaos. */
export type RawEvent =
  | { channel: 'state'; ts: number; state: MachineState; reason?: string; heartbeat: boolean }
  | { channel: 'count'; ts: number; total: number; good?: number; unit: CountUnit }
  | { channel: 'energy'; ts: number; medium: EnergyMedium; total: number; power: number }
  | { channel: 'process'; ts: number; values: Record<string, number> }

export type Emit = (event: RawEvent) => void

/** First multiple of `stepMs` at or after `ms` (epoch-aligned sampling grids). */
export function ceilToStep(ms: number, stepMs: number): number {
  return Math.ceil(ms / stepMs) * stepMs
}
