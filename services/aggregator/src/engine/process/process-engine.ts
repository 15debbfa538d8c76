import type { DeviceEntry } from '@millstream/contract'
import type { SampleOutcome } from '../accept-sample.ts'
import { floorMinute, type EngineOptions } from '../engine-options.ts'
import { acceptProcess, type ProcessRecord } from './accept-process.ts'
import { advanceProcess, type ProcessSink } from './advance-process.ts'
import { encodeProcessState } from './process-codec.ts'
import { processProfile, type ProcessProfile } from './process-profile.ts'
import { createProcessState, processStateKey, type ProcessState } from './process-state.ts'

export interface ProcessEngineDeps {
  options: EngineOptions
  sink: ProcessSink
  /** Restored states with their registry entries (states of devices no longer in the registry are dropped). */
  restored: readonly { state: ProcessState; entry: DeviceEntry }[]
}

/**
 * The `process` channel of one input partition (issue 16): the partition engine hands it the
 * process records and advances it with the same progress; its states go into the same changelog
 * and its points and events into the same step, so it is exactly once as the other channels are.
 */
export interface ProcessEngine {
  apply(record: ProcessRecord, entry: DeviceEntry, partitionTimeMs: number): SampleOutcome
  /** The newest event time of a device's process readings, for a too-late message. */
  maxTsMs(deviceKey: string): number | null
  advance(ctx: { progressMs: number; streamTimeMs: number }): void
  hasChanges(): boolean
  /** Changelog records of the changed process states (all with `all`). */
  changelog(all: boolean): { key: string; value: string }[]
  commit(): void
  readonly size: number
}

export function createProcessEngine(deps: ProcessEngineDeps): ProcessEngine {
  const { options } = deps
  const devices = new Map<string, { state: ProcessState; profile: ProcessProfile }>()
  let changed = new Set<string>()
  for (const { state, entry } of deps.restored) devices.set(state.key, { state, profile: processProfile(entry) })

  return {
    apply(record, entry, partitionTimeMs) {
      const key = `${record.firm}/${record.plant}/${record.line}/${record.device}`
      let device = devices.get(key)
      if (!device) {
        const frontierMs = partitionTimeMs - options.partitionGraceMs
        device = { state: createProcessState(key, frontierMs, floorMinute(frontierMs)), profile: processProfile(entry) }
        devices.set(key, device)
      }
      changed.add(key)
      return acceptProcess(device.state, record, { options, streamTimeMs: partitionTimeMs })
    },
    maxTsMs: (key) => devices.get(key)?.state.maxTsMs ?? null,
    advance({ progressMs, streamTimeMs }) {
      const ctx = { options, progressMs, streamTimeMs, sink: deps.sink }
      for (const [key, { state, profile }] of devices) if (advanceProcess(state, profile, ctx)) changed.add(key)
    },
    hasChanges: () => changed.size > 0,
    changelog(all) {
      return [...(all ? devices.keys() : changed)].flatMap((key) => {
        const d = devices.get(key)
        return d ? [{ key: processStateKey(key), value: encodeProcessState(d.state) }] : []
      })
    },
    commit() {
      changed = new Set()
    },
    get size() {
      return devices.size
    },
  }
}
