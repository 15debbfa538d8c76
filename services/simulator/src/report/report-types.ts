import type { RejectionCode } from '@millstream/contract'
import type { BadKind } from '../chaos/bad-payloads.ts'
import type { ChaosConfig } from '../chaos/chaos-config.ts'
import type { Injections } from '../sim/sim-message.ts'
import type { ExcludedInterval } from './expected-totals.ts'
import type { PublishOutcome } from './publish-outcome.ts'

/** How the run was set up: enough to reproduce it exactly. */
export interface ReportMeta {
  seed: number
  mode: 'realtime' | 'fast'
  registry: string
  plants: string[]
  fromMs: number
  /** The simulated instant the run reached (for a stopped real-time run, where it stopped). */
  toMs: number
  periodS: number
  heartbeatS: number
  chaos: ChaosConfig
}

export interface DeviceReport {
  /** Distinct seqs of acknowledged telemetry (first publish, not duplicates), as inclusive ranges. */
  ackedSeqs: [number, number][]
  acked: number
  /** Seqs published a second time (each acknowledged copy listed once). */
  duplicateSeqs: number[]
  /** Acknowledged, but published lateDelayS after their ts: beyond the allowed lateness, they belong in the DLQ as too_late. */
  lateSeqs: number[]
  /** Acknowledged after newer messages of the same device, within the allowed lateness. */
  outOfOrderSeqs: number[]
  refusedSeqs: number[]
  /** Per series (`count`, `energy:<medium>`): the sum of increments of the acknowledged, non-late readings. */
  expectedIncrements: Record<string, number>
  /**
   * Process devices (issue 16): per gauge, the acknowledged, non-late readings: what the pipeline's
   * process_minute `count` adds up to over the run.
   */
  processReadings?: Record<string, number>
}

/** The `--report` file (docs/simulator.md, "Report"). */
export interface SimulationReport extends ReportMeta {
  version: 1
  totals: { sent: number; acked: number; refused: number; failed: number; byChannel: Record<'state' | 'count' | 'energy' | 'process', number>; bad: number }
  injected: {
    duplicates: number
    outOfOrder: number
    late: number
    bad: Partial<Record<BadKind, number>>
    gaps: number
    droppedInGaps: number
    resets: number
    /** Register faults injected (a fault on a reading lost in a gap excludes nothing). */
    discontinuities: number
  }
  devices: Record<string, DeviceReport>
  gaps: Injections['gaps']
  resets: Injections['resets']
  discontinuities: Injections['discontinuities']
  /** Every interval a correct pipeline does not count, with the reason it must give (mill.telemetry.anomaly.v1). */
  excludedIntervals: ({ device: string; series: string } & ExcludedInterval)[]
  bad: { atMs: number; topic: string; kind: BadKind; expectedReason: RejectionCode; outcome: PublishOutcome['kind'] }[]
  refused: { topic: string; seq: number; reasonCode: number }[]
}
