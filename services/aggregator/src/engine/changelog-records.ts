import { decodeDevice, parseDeltaKey, type RestoredDevice } from './device-codec.ts'
import { decodeProcessState } from './process/process-codec.ts'
import { PROCESS_KEY_SUFFIX, type ProcessState } from './process/process-state.ts'

/**
 * The state changelog of one input partition (mill.aggregator-state.v1, same partition number),
 * compacted: per device a snapshot keyed by the device and the deltas written since it, keyed
 * `{device}#d{i}` (device-log.ts); per process channel one record; and a meta record with the
 * input offset the whole state reflects. A step writes them in the same Kafka transaction as its dead letters
 * and the consumer offset, after its InfluxDB writes succeeded (docs/aggregator.md).
 */
export const META_KEY = '__partition'
/** Written once per task start; reading up to it proves the whole changelog has been read. */
export const RESTORE_MARKER_KEY = '__restore'

export interface PartitionMeta {
  nextOffset: string | null
  streamTimeMs: number
  /** The wall-clock time an idle partition took as its time (issue 9), or 0. */
  clockTimeMs: number
}

export interface RestoredPartition extends PartitionMeta {
  devices: RestoredDevice[]
  /** Process channel states (issue 16), under `{device}#process`. */
  process?: ProcessState[]
}

/** The devices' records, then those of other state kept beside them (process states), then the meta record. */
export function changelogRecords(devices: readonly { key: string; value: string }[], meta: PartitionMeta, others: readonly { key: string; value: string }[] = []): { key: string; value: string }[] {
  return [...devices, ...others, { key: META_KEY, value: JSON.stringify({ v: 1, ...meta }) }]
}

/** The state from the latest value of each key (compaction may not have run yet). */
export function restorePartition(latest: ReadonlyMap<string, string>): RestoredPartition {
  const metaText = latest.get(META_KEY)
  const meta: Partial<PartitionMeta> = metaText ? (JSON.parse(metaText) as Partial<PartitionMeta>) : {}
  const snapshots = new Map<string, string>()
  const deltas = new Map<string, Map<number, string>>()
  const process: ProcessState[] = []
  for (const [key, value] of latest) {
    if (key === META_KEY || key === RESTORE_MARKER_KEY) continue
    if (key.endsWith(PROCESS_KEY_SUFFIX)) {
      process.push(decodeProcessState(value))
      continue
    }
    const delta = parseDeltaKey(key)
    if (delta) {
      let ofDevice = deltas.get(delta.deviceKey)
      if (!ofDevice) deltas.set(delta.deviceKey, (ofDevice = new Map()))
      ofDevice.set(delta.i, value)
    } else snapshots.set(key, value)
  }
  // A delta without a snapshot cannot be: a device's first record is its snapshot.
  const devices = [...snapshots].map(([key, value]) => decodeDevice(value, deltas.get(key)))
  return { nextOffset: meta.nextOffset ?? null, streamTimeMs: meta.streamTimeMs ?? 0, clockTimeMs: meta.clockTimeMs ?? 0, devices, process }
}
