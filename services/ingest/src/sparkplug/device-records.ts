import { TOPIC_PREFIX, type RegistryIndex, type RejectionCode, type SparkplugDevice, type SparkplugMetricTarget, type TelemetryRecord } from '@millstream/contract'
import { validateMessage, type ValidationLimits } from '../validate-message.ts'
import type { SparkplugMetric } from './sparkplug-payload-decode.ts'

const NUMERIC = new Set(['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double'])
const TEXT = new Set(['String', 'Text'])

export interface DeviceRecords {
  records: TelemetryRecord[]
  /** Each problem once, with the metrics it concerns in the message. */
  rejections: { reason: RejectionCode; message: string }[]
  /** Metrics whose names the mapping does not know (node metrics, PLC extras): not ours to judge. */
  ignored: number
}

export interface DeviceRecordsInput {
  device: SparkplugDevice
  key: string
  metrics: readonly { name: string; metric: SparkplugMetric }[]
  payloadTimestampMs: number | undefined
  receivedAtMs: number
  index: RegistryIndex
  limits: ValidationLimits
}

/**
 * Turns the metrics of one device's message into contract records: metrics are grouped by channel
 * (and medium) and timestamp into v1 payloads, which then pass the very checks a v1 message does
 * (validateMessage: registry, channel, medium, ranges, clock), so both paths yield the same records.
 */
export function deviceRecords(input: DeviceRecordsInput): DeviceRecords {
  const { device, metrics } = input
  const out: DeviceRecords = { records: [], rejections: [], ignored: 0 }
  const groups = new Map<string, { channel: string; payload: Record<string, unknown> }>()
  const bad: string[] = []
  for (const { name, metric } of metrics) {
    const target = device.metrics.get(name)
    if (!target) {
      out.ignored += 1
      continue
    }
    if (metric.isNull) continue // spec 6.4.12: a null value says the value is not known now
    const problem = typeProblem(target, metric)
    if (problem) {
      bad.push(`${name.slice(0, 80)}: ${problem}`)
      continue
    }
    const ts = metric.timestampMs ?? input.payloadTimestampMs ?? input.receivedAtMs
    const groupKey = `${target.channel}/${target.channel === 'energy' ? target.medium : ''}/${ts}`
    let group = groups.get(groupKey)
    if (!group) {
      group = { channel: target.channel, payload: { ts, ...(target.channel === 'energy' ? { medium: target.medium } : {}) } }
      groups.set(groupKey, group)
    }
    group.payload[target.field] = metric.value
  }
  if (bad.length > 0) out.rejections.push({ reason: 'sparkplug_bad_metric', message: `${input.key}: ${bad.join('; ')}` })
  const base = `${TOPIC_PREFIX}/${device.firm}/${device.plant}/${device.line}/${device.device}`
  for (const { channel, payload } of groups.values()) {
    // Report by exception (spec 6.4.7): a message may carry a power or reason change alone; the
    // contract needs the reading itself, so such a part waits for the next full reading.
    if (!('state' in payload) && !('total' in payload)) {
      out.ignored += 1
      continue
    }
    const result = validateMessage({ topic: `${base}/${channel}`, payload: Buffer.from(JSON.stringify(payload)), receivedAtMs: input.receivedAtMs }, input.index, input.limits)
    if (result.ok) out.records.push(result.record)
    else out.rejections.push({ reason: result.reason, message: `${input.key} ${channel}: ${result.message}` })
  }
  out.records.sort((a, b) => a.ts - b.ts)
  return out
}

function typeProblem(target: SparkplugMetricTarget, metric: SparkplugMetric): string | undefined {
  const wantsText = target.channel === 'state'
  if (wantsText ? !TEXT.has(metric.type) : !NUMERIC.has(metric.type)) return `data type ${metric.type.slice(0, 40)} cannot be ${target.channel}.${target.field}`
  if (wantsText ? typeof metric.value !== 'string' : typeof metric.value !== 'number') return `value is not a ${wantsText ? 'string' : 'number'}`
  return undefined
}

/** Why a machine's state turned `unknown` at a Sparkplug death: its `reason` code. */
export const DEATH_REASONS = { node: 'edge_node_death', device: 'device_death' } as const

export interface DeathRecordsInput {
  devices: readonly SparkplugDevice[]
  scope: keyof typeof DEATH_REASONS
  tsMs: number
  receivedAtMs: number
  index: RegistryIndex
  limits: ValidationLimits
}

/**
 * A death as data (issue 16): a state record `unknown` at `tsMs` for each machine that died (meters
 * have no state), checked like any v1 state message. Like the other Sparkplug records it has no
 * `seq`: the aggregator counts a copy once by device, channel and event time.
 */
export function deathRecords(input: DeathRecordsInput): DeviceRecords {
  const out: DeviceRecords = { records: [], rejections: [], ignored: 0 }
  const payload = Buffer.from(JSON.stringify({ ts: input.tsMs, state: 'unknown', reason: DEATH_REASONS[input.scope] }))
  for (const d of input.devices) {
    if (input.index.device(d)?.kind !== 'machine') continue
    const result = validateMessage({ topic: `${TOPIC_PREFIX}/${d.firm}/${d.plant}/${d.line}/${d.device}/state`, payload, receivedAtMs: input.receivedAtMs }, input.index, input.limits)
    if (result.ok) out.records.push(result.record)
    else out.rejections.push({ reason: result.reason, message: `${d.firm}/${d.plant}/${d.line}/${d.device} death: ${result.message}` })
  }
  return out
}
