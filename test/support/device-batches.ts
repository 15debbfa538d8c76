import { encodeTelemetryValue, type TelemetryRecord } from '@millstream/contract'

/**
 * Runs of consecutive records of one device (same `key`), at most `size` each, in the order a
 * buffering gateway would send them: a run leaves when it is full, at the place of its last record,
 * so per-device order holds and no record moves earlier; runs still open at the end follow, in the
 * order they were opened. Pure: the engine's unit tests and the integration suites share it.
 */
export function deviceRuns<T extends { key: string }>(records: readonly T[], size: number): T[][] {
  const open = new Map<string, T[]>()
  const runs: T[][] = []
  for (const r of records) {
    const run = open.get(r.key) ?? []
    run.push(r)
    open.set(r.key, run)
    if (run.length >= size) {
      runs.push(run)
      open.delete(r.key)
    }
  }
  return [...runs, ...open.values()]
}

/** The value of a run of v1 record values: a device batch record, or the v1 record for a run of one. */
export function deviceBatchValue(values: readonly string[]): string {
  return encodeTelemetryValue(values.map((v) => JSON.parse(v) as TelemetryRecord))
}

/** Keyed v1 records regrouped as device batch records of up to `size` samples (issue 16). */
export function asDeviceBatches(records: readonly { key: string; value: string }[], size: number): { key: string; value: string }[] {
  return deviceRuns(records, size).map((run) => ({ key: run[0]?.key ?? '', value: deviceBatchValue(run.map((r) => r.value)) }))
}
