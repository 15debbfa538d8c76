import type { ConnectionLostRecord, MachineHoursRecord, TelemetryAnomalyRecord } from '@millstream/contract'
import type { LiveMinute } from '../live-minute.ts'

/** Where the engine puts what it wants written; the adapters drain it after each step. */
export interface EmissionSink {
  /** A line-protocol point; `key` (series and time) is its identity: a later point with it wins. */
  point(key: string, line: string): void
  live(record: LiveMinute): void
  /** An interval not counted, sent once: when the minute its later reading closes becomes final. */
  anomaly(record: TelemetryAnomalyRecord): void
  /** A reported loss of a machine's live state (issue 16), sent once: when its minute becomes final. */
  connectionLost(record: ConnectionLostRecord): void
  /** Machine hour points of a plant's hour were written: the line roll-up stage sums that hour again. */
  machineHours(record: MachineHoursRecord): void
}
