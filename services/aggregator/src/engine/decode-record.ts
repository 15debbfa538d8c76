import { decodeTelemetryValue, deviceKey, deviceMedia, type DeviceEntry, type RegistryIndex, type RejectionCode, type TelemetryRecord } from '@millstream/contract'

export type SampleCheck =
  /** `key`: the device's `firm/plant/line/device`. */
  | { ok: true; record: TelemetryRecord; entry: DeviceEntry; key: string }
  | { ok: false; record: TelemetryRecord; reason: RejectionCode; message: string }

export type DecodeResult =
  /** `batch`: the record was a device batch record, whose samples are named by their index in it. */
  | { ok: true; samples: SampleCheck[]; batch: boolean }
  | { ok: false; reason: RejectionCode; message: string }

/**
 * A record of `mill.telemetry.v1`, a v1 record or a device batch record (issue 16), checked again
 * against the contract and this aggregator's registry: ingest validated it, but with its own
 * registry, possibly of another version, and a topic can be written by other producers. A record
 * that fails the contract is refused whole; the registry judges each sample on its own. Bad input
 * is a value, never an exception.
 */
export function decodeRecord(value: Buffer | null, registry: RegistryIndex): DecodeResult {
  const decoded = decodeTelemetryValue(value)
  if (!decoded.ok) return decoded
  const first = decoded.records[0] as TelemetryRecord
  // Every record of one value has the same device (a batch record carries its device once): its
  // key and registry entry are found once per value, not per sample (issue 16).
  const key = deviceKey(first)
  const entry = registry.device(first)
  return { ok: true, samples: decoded.records.map((record) => checkSample(record, key, entry)), batch: decoded.batch }
}

function checkSample(record: TelemetryRecord, key: string, entry: DeviceEntry | undefined): SampleCheck {
  if (!entry) return { ok: false, record, reason: 'unknown_device', message: `${key} is not in the aggregator's registry` }
  if (!entry.channels.includes(record.channel)) return { ok: false, record, reason: 'channel_not_allowed', message: `${record.device} does not publish ${record.channel}` }
  if (record.channel === 'energy' && !deviceMedia(entry).includes(record.medium)) {
    return { ok: false, record, reason: 'medium_mismatch', message: `${record.device} meters ${deviceMedia(entry).join(', ') || 'nothing'}, not ${record.medium}` }
  }
  return { ok: true, record, entry, key }
}
