import { deviceMedia, REJECTION_REASONS, telemetryRecordSchema, type DeviceEntry, type RegistryIndex, type RejectionCode, type TelemetryRecord } from '@millstream/contract'

export type DecodeResult =
  | { ok: true; record: TelemetryRecord; entry: DeviceEntry }
  | { ok: false; reason: RejectionCode; message: string }

/**
 * A record of `mill.telemetry.v1` checked again against the contract and this aggregator's
 * registry: ingest validated it, but with its own registry, possibly of another version, and a
 * topic can be written by other producers. Bad input is a value, never an exception.
 */
export function decodeRecord(value: Buffer | null, registry: RegistryIndex): DecodeResult {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty_payload', message: REJECTION_REASONS.empty_payload }
  let json: unknown
  try {
    json = JSON.parse(value.toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed_json', message: 'record value is not JSON' }
  }
  const parsed = telemetryRecordSchema.safeParse(json)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    return { ok: false, reason: 'schema_violation', message: `not a v1 telemetry record: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim() }
  }
  const record = parsed.data
  const entry = registry.device(record)
  if (!entry) return { ok: false, reason: 'unknown_device', message: `${record.firm}/${record.plant}/${record.line}/${record.device} is not in the aggregator's registry` }
  if (!entry.channels.includes(record.channel)) return { ok: false, reason: 'channel_not_allowed', message: `${record.device} does not publish ${record.channel}` }
  if (record.channel === 'energy' && !deviceMedia(entry).includes(record.medium)) {
    return { ok: false, reason: 'medium_mismatch', message: `${record.device} meters ${deviceMedia(entry).join(', ') || 'nothing'}, not ${record.medium}` }
  }
  return { ok: true, record, entry }
}
