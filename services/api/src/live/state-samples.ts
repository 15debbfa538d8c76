import { decodeTelemetryJson, type TelemetryRecord } from '@millstream/contract'

export type StateRecord = Extract<TelemetryRecord, { channel: 'state' }>

/**
 * The state samples in a value of `mill.telemetry.v1`, a v1 record or a device batch record
 * (issue 16: ingest writes several samples of one device as one record), in order. Most telemetry
 * is counters and energy: a value without a state sample is skipped before the schema check. A
 * value that fails the contract holds none, as the aggregator refuses it whole.
 */
export function stateSamples(value: unknown): StateRecord[] {
  if (!mayHoldState(value)) return []
  const decoded = decodeTelemetryJson(value)
  return decoded.ok ? decoded.records.filter((r): r is StateRecord => r.channel === 'state') : []
}

function mayHoldState(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { channel, samples } = value as { channel?: unknown; samples?: unknown }
  if (Array.isArray(samples)) return samples.some((s) => (s as { channel?: unknown } | null)?.channel === 'state')
  return channel === 'state'
}
