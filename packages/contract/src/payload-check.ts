import { BOOT_PATTERN, COUNT_UNITS, ENERGY_MEDIUM_NAMES, isRealDate, REASON_PATTERN, REPORTED_STATES, RFC3339_PATTERN } from './payloads.ts'
import { GAUGE_NAME_PATTERN, PROCESS_MAX_ABS_VALUE, PROCESS_MAX_GAUGES } from './process.ts'
import { ID_PATTERN } from './ids.ts'
import type { TelemetryRecord } from './records.ts'
import type { Channel } from './topic.ts'

/**
 * Whether `body` is a valid payload of `channel`: the same answer as
 * `PAYLOAD_SCHEMAS[channel].safeParse(body).success`, without zod. Ingest checks every sample
 * with this first and asks zod only for the reason of a refused one: zod was a fifth of ingest's
 * time per sample in the profile of issue 16. The schemas in payloads.ts stay the contract (and
 * the JSON Schema published from them); a property test holds this to them
 * (payload-check.test.ts), so a change to one fails until the other follows.
 *
 * A body that passes may be read as the schema's output for its declared fields: zod only strips
 * the keys it does not know.
 */
export function isValidPayload(channel: Channel, body: Record<string, unknown>): boolean {
  if (!isTimestamp(body.ts) || !isOptional(body.seq, isSafeCount) || !isOptional(body.boot, isBoot)) return false
  switch (channel) {
    case 'state':
      return STATE_SET.has(body.state) && isOptional(body.reason, isReason)
    case 'count':
      return isCumulative(body.total) && isOptional(body.good, isCumulative) && (body.good === undefined || (body.good as number) <= (body.total as number)) && isOptional(body.unit, isCountUnit)
    case 'energy':
      return isCumulative(body.total) && isOptional(body.medium, isMedium) && isOptional(body.power, isNonNegative)
    case 'process':
      return isGaugeValues(body.values)
  }
}

// Issue 16: the state channel accepts `unknown` (a reported loss of the live state) besides the machine states.
const STATE_SET = new Set<unknown>(REPORTED_STATES)
const COUNT_UNIT_SET = new Set<unknown>(COUNT_UNITS)
const MEDIUM_SET = new Set<unknown>(ENERGY_MEDIUM_NAMES)
/** timestampSchema's upper bound for epoch milliseconds (the largest time a Date holds). */
const MAX_EPOCH_MS = 8.64e15

const isCountUnit = (v: unknown) => COUNT_UNIT_SET.has(v)
const isMedium = (v: unknown) => MEDIUM_SET.has(v)
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v)
/** zod's number() refuses NaN and ±Infinity: so does every comparison below but `!==`. */
const isNonNegative = (v: unknown) => typeof v === 'number' && v >= 0 && v !== Infinity
const isCumulative = (v: unknown) => typeof v === 'number' && v >= 0 && v <= Number.MAX_SAFE_INTEGER
const isSafeCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0
const isBoot = (v: unknown) => (typeof v === 'string' ? BOOT_PATTERN.test(v) : isSafeCount(v))
const isReason = (v: unknown) => typeof v === 'string' && v.length <= 64 && REASON_PATTERN.test(v)

function isTimestamp(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= MAX_EPOCH_MS
  return typeof v === 'string' && RFC3339_PATTERN.test(v) && isRealDate(v)
}

function isGaugeValues(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  let gauges = 0
  for (const name in v) {
    if (!Object.hasOwn(v, name)) return false
    const reading = (v as Record<string, unknown>)[name]
    if (!GAUGE_NAME_PATTERN.test(name) || typeof reading !== 'number' || !(Math.abs(reading) <= PROCESS_MAX_ABS_VALUE)) return false
    gauges++
  }
  return gauges >= 1 && gauges <= PROCESS_MAX_GAUGES
}

const RECORD_KEYS = ['v', 'firm', 'plant', 'line', 'device', 'ts', 'receivedAt', 'seq', 'boot', 'channel']
const RECORD_KEYS_OF: Record<Channel, ReadonlySet<string>> = {
  state: new Set([...RECORD_KEYS, 'state', 'reason']),
  count: new Set([...RECORD_KEYS, 'total', 'good', 'unit']),
  energy: new Set([...RECORD_KEYS, 'total', 'medium', 'power']),
  process: new Set([...RECORD_KEYS, 'values']),
}

/**
 * Whether `json` is a telemetry record exactly as `telemetryRecordSchema` outputs it: valid, and
 * with no key the schema would strip, so a reader may take the object itself for zod's output.
 * `false` for anything else, valid or not: the reader then asks zod. The aggregator reads every
 * sample through this (issue 16); a property test holds it to the schema (payload-check.test.ts).
 */
export function isCanonicalRecord(json: unknown): json is TelemetryRecord {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false
  const r = json as Record<string, unknown>
  if (typeof r.channel !== 'string' || !Object.hasOwn(RECORD_KEYS_OF, r.channel)) return false
  const keys = RECORD_KEYS_OF[r.channel as Channel]
  for (const key in r) if (!keys.has(key)) return false
  if (r.v !== 1 || !isId(r.firm) || !isId(r.plant) || !isId(r.line) || !isId(r.device)) return false
  if (!isEpochMs(r.ts) || !isEpochMs(r.receivedAt) || !isOptional(r.seq, isSafeCount) || !isOptional(r.boot, isBootId)) return false
  switch (r.channel as Channel) {
    case 'state':
      return STATE_SET.has(r.state) && isOptional(r.reason, isString)
    case 'count':
      return isNonNegative(r.total) && isOptional(r.good, isNonNegative) && isOptional(r.unit, isCountUnit)
    case 'energy':
      return isNonNegative(r.total) && isMedium(r.medium) && isOptional(r.power, isNonNegative)
    case 'process':
      return isRecordValues(r.values)
  }
}

/**
 * Whether `json` passes the envelope of `deviceBatchRecordSchema` (device fields and a non-empty
 * samples array; the samples left to the per-sample check): zod's answer without zod, for the
 * aggregator's decode of every batch record (issue 16). Keys the schema would strip are allowed.
 * A property test holds the decode built on it to the published schema (telemetry-value.test.ts).
 */
export function isBatchEnvelope(json: object): json is { v: 1; firm: string; plant: string; line: string; device: string; receivedAt: number; samples: unknown[] } {
  const r = json as Record<string, unknown>
  return r.v === 1 && isId(r.firm) && isId(r.plant) && isId(r.line) && isId(r.device) && isEpochMs(r.receivedAt) && Array.isArray(r.samples) && r.samples.length >= 1
}

/** The device fields of a device batch record, as isBatchEnvelope accepted them. */
export interface BatchDevice {
  firm: string
  plant: string
  line: string
  device: string
  receivedAt: number
}

/**
 * The record zod outputs for `{ ...sample, ...device }` when it accepts it, else `undefined` (the
 * reader then asks zod for the reason). Built field by field in the schema's order rather than
 * by spreads, and the device fields, which isBatchEnvelope checked once, are not checked again per
 * sample: the aggregator reads every sample of a batch record through this (issue 16). The decode
 * property test (telemetry-value.test.ts) holds the result to the published schema.
 */
export function canonicalSampleRecord(sample: Record<string, unknown>, device: BatchDevice): TelemetryRecord | undefined {
  const channel = sample.channel
  if (typeof channel !== 'string' || !Object.hasOwn(RECORD_KEYS_OF, channel)) return undefined
  // Keys the schema does not know are left out, as zod strips them; the device's keys in a sample
  // give way to the device's values, as in the spread.
  const { ts, seq, boot } = sample
  if (!isEpochMs(ts) || !isOptional(seq, isSafeCount) || !isOptional(boot, isBootId)) return undefined
  const r: Record<string, unknown> = { v: 1, firm: device.firm, plant: device.plant, line: device.line, device: device.device, ts, receivedAt: device.receivedAt }
  if (seq !== undefined) r.seq = seq
  if (boot !== undefined) r.boot = boot
  r.channel = channel
  switch (channel as Channel) {
    case 'state': {
      const { state, reason } = sample
      if (!STATE_SET.has(state) || !isOptional(reason, isString)) return undefined
      r.state = state
      if (reason !== undefined) r.reason = reason
      break
    }
    case 'count': {
      const { total, good, unit } = sample
      if (!isNonNegative(total) || !isOptional(good, isNonNegative) || !isOptional(unit, isCountUnit)) return undefined
      r.total = total
      if (good !== undefined) r.good = good
      if (unit !== undefined) r.unit = unit
      break
    }
    case 'energy': {
      const { total, medium, power } = sample
      if (!isNonNegative(total) || !isMedium(medium) || !isOptional(power, isNonNegative)) return undefined
      r.total = total
      r.medium = medium
      if (power !== undefined) r.power = power
      break
    }
    case 'process': {
      if (!isRecordValues(sample.values)) return undefined
      r.values = sample.values
      break
    }
  }
  return r as TelemetryRecord
}

const isId = (v: unknown) => typeof v === 'string' && ID_PATTERN.test(v)
const isEpochMs = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0
const isBootId = (v: unknown) => typeof v === 'string' && BOOT_PATTERN.test(v)
const isString = (v: unknown) => typeof v === 'string'

/** The record's gauge readings: any number of declared-looking names (the payload bounded them). */
function isRecordValues(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  for (const name in v) {
    const reading = (v as Record<string, unknown>)[name]
    if (!Object.hasOwn(v, name) || !GAUGE_NAME_PATTERN.test(name) || typeof reading !== 'number' || !(Math.abs(reading) <= PROCESS_MAX_ABS_VALUE)) return false
  }
  return true
}
