import type { ConnectionLostRecord, DeadLetterRecord, DeviceEntry, MachineHoursRecord, ProcessOutOfRangeRecord, RegistryIndex, RejectionCode, TelemetryAnomalyRecord } from '@millstream/contract'
import type { LiveMinute } from '../live-minute.ts'
import { acceptSample, type SampleOutcome } from './accept-sample.ts'
import { advanceDevice } from './advance-device.ts'
import { changelogRecords, type RestoredPartition } from './changelog-records.ts'
import { deadLetter, sampleDeadLetter, type BatchSample, type SourceMessage } from './dead-letter.ts'
import { decodeRecord, type SampleCheck } from './decode-record.ts'
import { deviceProfile, type DeviceProfile } from './device-profile.ts'
import { newDeviceLog, restoredDeviceLog, logCommitted, logRecord, planRecord, type DeviceLog, type LogPlan } from './device-log.ts'
import { createDeviceState, type DeviceState } from './device-state.ts'
import { floorMinute, MINUTE_MS, type EngineOptions } from './engine-options.ts'
import { createPlanCache, type PlanCache } from './plan-cache.ts'
import type { ProcessRecord } from './process/accept-process.ts'
import { createProcessEngine } from './process/process-engine.ts'
import { tooLateReason } from './too-late-reason.ts'

export type RecordOutcome = SampleOutcome | 'rejected' | 'skipped'

export interface PartitionEngineDeps {
  topic: string
  partition: number
  registry: RegistryIndex
  options: EngineOptions
  plans?: PlanCache
  restored?: RestoredPartition
  /**
   * `snapshots`: every device record a snapshot of the whole state, as before deltas (issue 16);
   * only for the benchmark that compares the two. Default `deltas`.
   */
  changelogRecords?: 'deltas' | 'snapshots'
  /** Per sample: a device batch record reports each of its samples; a record refused whole, once. */
  onOutcome?: (outcome: RecordOutcome, reason?: RejectionCode) => void
}

/** What a step writes: InfluxDB points (last per identity), live minutes, dead letters. */
export interface EngineOutputs {
  points: Map<string, string>
  live: Map<string, LiveMinute>
  deadLetters: { key: string; record: DeadLetterRecord }[]
  /** Register discontinuities of minutes that became final in this step. */
  anomalies: TelemetryAnomalyRecord[]
  /** Plant hours whose machine hour points this step writes (`firm/plant@hourStartMs`): for the line roll-up stage. */
  machineHours: Map<string, MachineHoursRecord>
  /** Process readings outside their gauge's plausible range, of minutes that became final in this step (issue 16). */
  processEvents: ProcessOutOfRangeRecord[]
  /** Reported losses of machines' live state, of minutes that became final in this step (issue 16). */
  connectionLosses: ConnectionLostRecord[]
}

const emptyOutputs = (): EngineOutputs => ({ points: new Map(), live: new Map(), deadLetters: [], anomalies: [], machineHours: new Map(), processEvents: [], connectionLosses: [] })

export interface PartitionEngine {
  readonly partition: number
  /** The next input offset to apply, or null before the first record. */
  readonly nextOffset: string | null
  /** Newest event time of the valid records seen on the partition. */
  readonly streamTimeMs: number
  /**
   * Applies a record's samples in order (one for a v1 record, several for a device batch record),
   * each outcome reported to onOutcome. Returns 'skipped' or 'rejected' for a record refused whole,
   * otherwise the outcome of its last sample.
   */
  apply(message: SourceMessage): RecordOutcome
  /** Closes, corrects and finalizes minutes up to the partition's progress (>= stream time). */
  advance(progressMs: number): void
  /**
   * An idle partition takes the wall clock as its time (issue 9): its devices' frontiers move as
   * if newer records had arrived, so their minutes and hours become final as the grace runs out,
   * and older records become too late. Committed in the changelog with the step it causes.
   */
  idleTo(clockMs: number): void
  /** The partition's time: its stream time, or the clock time an idle partition took. */
  readonly partitionTimeMs: number
  pending(): EngineOutputs
  /** Whether a step would write anything: points, live records, dead letters or changed state. */
  hasPending(): boolean
  /** Changelog records (a snapshot or a delta per changed device, or snapshots of all with `all`, then the partition meta) for the step that writes pending(). */
  changelog(options?: { all?: boolean }): { key: string; value: string }[]
  /** Forgets pending outputs and changes once the step that wrote them has committed. */
  commit(): void
  stats(): { devices: number; openMinutes: number; pendingPoints: number }
}

/**
 * The aggregation of one input partition, pure: records in, points and changelog records out.
 * No clock, no I/O: the adapters call apply() in offset order, advance() with the progress they
 * choose, and write what pending() and changelog() return in one step.
 */
export function createPartitionEngine(deps: PartitionEngineDeps): PartitionEngine {
  const { registry, options } = deps
  const plans = deps.plans ?? createPlanCache()
  const devices = new Map<string, { state: DeviceState; profile: DeviceProfile; log: DeviceLog }>()
  /** The records planned by the last changelog() call, applied to the devices' logs by commit(). */
  let planned = new Map<string, LogPlan>()
  let nextOffset = deps.restored?.nextOffset ?? null
  let streamTimeMs = deps.restored?.streamTimeMs ?? 0
  let clockTimeMs = deps.restored?.clockTimeMs ?? 0
  let metaChanged = false
  const partitionTime = () => Math.max(streamTimeMs, clockTimeMs)
  let outputs = emptyOutputs()
  let changed = new Set<string>()
  const sink = {
    point: (key: string, line: string) => {
      outputs.points.delete(key) // re-insert: the map's order is the order of the last writes
      outputs.points.set(key, line)
    },
    live: (record: LiveMinute) => {
      const key = `${record.firm}/${record.plant}/${record.line}/${record.device}@${record.minuteStartMs}`
      outputs.live.delete(key)
      outputs.live.set(key, record)
    },
    anomaly: (record: TelemetryAnomalyRecord) => void outputs.anomalies.push(record),
    connectionLost: (record: ConnectionLostRecord) => void outputs.connectionLosses.push(record),
    machineHours: (record: MachineHoursRecord) => void outputs.machineHours.set(`${record.firm}/${record.plant}@${record.hourStartMs}`, record),
  }
  for (const { state, gen } of deps.restored?.devices ?? []) {
    const entry = entryOf(registry, state.key)
    if (entry && entry.kind !== 'sensor') devices.set(state.key, { state, profile: deviceProfile(entry), log: restoredDeviceLog(gen) })
  }
  const processes = createProcessEngine({
    options,
    sink: { point: sink.point, outOfRange: (record) => void outputs.processEvents.push(record) },
    restored: (deps.restored?.process ?? []).flatMap((state) => {
      const entry = entryOf(registry, state.key)
      return entry ? [{ state, entry }] : []
    }),
  })
  /** The dead letter of the whole record, or of one sample of a device batch record. */
  const deadLetterOf = (message: SourceMessage, sample: BatchSample | undefined, reason: RejectionCode, text: string) =>
    sample ? sampleDeadLetter(message, sample, { reason, message: text }) : deadLetter(message, reason, text)

  const applyProcess = (message: SourceMessage, sample: BatchSample | undefined, record: ProcessRecord, entry: DeviceEntry): RecordOutcome => {
    const outcome = processes.apply(record, entry, partitionTime())
    if (outcome === 'too_late') {
      const key = `${record.firm}/${record.plant}/${record.line}/${record.device}`
      const maxTs = processes.maxTsMs(key)
      outputs.deadLetters.push({ key, record: deadLetterOf(message, sample, 'too_late', tooLateReason(record.ts, maxTs, partitionTime(), options, 'process reading')) })
    }
    deps.onOutcome?.(outcome)
    return outcome
  }

  const reject = (message: SourceMessage, sample: BatchSample | undefined, rejection: { reason: RejectionCode; message: string }): RecordOutcome => {
    outputs.deadLetters.push({ key: message.key?.toString('utf8') ?? '', record: deadLetterOf(message, sample, rejection.reason, rejection.message) })
    deps.onOutcome?.('rejected', rejection.reason)
    return 'rejected'
  }

  /** One sample, as a v1 record alone would be applied; `index` when it sits in a device batch record. */
  const applySample = (message: SourceMessage, check: SampleCheck, index: number | undefined): RecordOutcome => {
    const sample = index === undefined ? undefined : { index, record: check.record }
    if (!check.ok) return reject(message, sample, check)
    const { record, entry, key } = check
    streamTimeMs = Math.max(streamTimeMs, record.ts)
    if (record.channel === 'process') return applyProcess(message, sample, record, entry)
    if (entry.kind === 'sensor') return reject(message, sample, { reason: 'channel_not_allowed', message: `${record.device} is a sensor: it publishes process only` })
    let device = devices.get(key)
    if (!device) {
      const frontierMs = partitionTime() - options.partitionGraceMs
      device = { state: createDeviceState(key, frontierMs, floorMinute(frontierMs - options.maxSpreadMs)), profile: deviceProfile(entry), log: newDeviceLog() }
      devices.set(key, device)
    }
    changed.add(key)
    const outcome = acceptSample(device.state, record, { options, streamTimeMs: partitionTime() })
    if (outcome === 'accepted' || outcome === 'late') device.log.added.push(record)
    if (outcome === 'too_late') {
      outputs.deadLetters.push({ key, record: deadLetterOf(message, sample, 'too_late', tooLateReason(record.ts, device.state.maxTsMs, partitionTime(), options)) })
    }
    deps.onOutcome?.(outcome)
    return outcome
  }

  return {
    partition: deps.partition,
    get nextOffset() {
      return nextOffset
    },
    get streamTimeMs() {
      return streamTimeMs
    },
    get partitionTimeMs() {
      return partitionTime()
    },
    idleTo(clockMs) {
      if (clockMs <= partitionTime()) return
      clockTimeMs = clockMs
      metaChanged = true
    },
    apply(message) {
      if (nextOffset !== null && BigInt(message.offset) < BigInt(nextOffset)) return 'skipped'
      nextOffset = String(BigInt(message.offset) + 1n)
      const decoded = decodeRecord(message.value, registry)
      if (!decoded.ok) return reject(message, undefined, decoded)
      // Every sample of the record in this one call: a step never falls between them, so the
      // samples and the record's offset are committed together, all or nothing (issue 16).
      let outcome: RecordOutcome = 'rejected'
      for (const [index, check] of decoded.samples.entries()) outcome = applySample(message, check, decoded.batch ? index : undefined)
      return outcome
    },
    advance(progressMs) {
      const ctx = { options, progressMs: Math.max(progressMs, partitionTime()), streamTimeMs: partitionTime(), plans, sink }
      // Values, not entries: an entry is an array per device per advance (issue 16).
      for (const { state, profile } of devices.values()) if (advanceDevice(state, profile, ctx)) changed.add(state.key)
      processes.advance(ctx)
    },
    pending: () => outputs,
    hasPending: () => metaChanged || changed.size > 0 || processes.hasChanges() || outputs.processEvents.length > 0 || outputs.connectionLosses.length > 0 || outputs.points.size > 0 || outputs.live.size > 0 || outputs.deadLetters.length > 0 || outputs.anomalies.length > 0,
    changelog(opts) {
      planned = new Map()
      const records: { key: string; value: string }[] = []
      for (const key of opts?.all ? devices.keys() : changed) {
        const d = devices.get(key)
        if (!d) continue
        const plan = planRecord(d.state, d.log, (opts?.all ?? false) || deps.changelogRecords === 'snapshots')
        planned.set(key, plan)
        records.push(logRecord(d.state, d.log, plan))
      }
      return changelogRecords(records, { nextOffset, streamTimeMs, clockTimeMs }, processes.changelog(opts?.all ?? false))
    },
    commit() {
      for (const key of changed) {
        const d = devices.get(key)
        if (!d) continue
        const plan = planned.get(key)
        // A change committed without its record (no changelog() call): only a snapshot can follow.
        if (plan) logCommitted(d.state, d.log, plan)
        else {
          d.log.deltas = null
          d.log.added = []
        }
      }
      for (const [key, plan] of planned) {
        const d = devices.get(key)
        if (d && !changed.has(key)) logCommitted(d.state, d.log, plan)
      }
      planned = new Map()
      outputs = emptyOutputs()
      changed = new Set()
      processes.commit()
      metaChanged = false
    },
    stats() {
      let openMinutes = 0
      for (const { state } of devices.values()) openMinutes += (state.closedThroughMs - state.finalThroughMs) / MINUTE_MS
      return { devices: devices.size + processes.size, openMinutes, pendingPoints: outputs.points.size }
    },
  }
}

function entryOf(registry: RegistryIndex, key: string): DeviceEntry | undefined {
  const [firm = '', plant = '', line = '', device = ''] = key.split('/')
  return registry.device({ firm, plant, line, device })
}
