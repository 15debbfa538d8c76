import {
  bootId,
  deviceKey,
  deviceGauges,
  deviceMedia,
  isValidPayload,
  PAYLOAD_SCHEMAS,
  parseTopic,
  timestampToMs,
  type Channel,
  type CountPayload,
  type DeviceEntry,
  type DeviceRef,
  type EnergyMedium,
  type EnergyPayload,
  type ProcessPayload,
  type RegistryIndex,
  type RejectionCode,
  type StatePayload,
  type TelemetryRecord,
  undeclaredGauges,
} from '@millstream/contract'

export interface ValidationLimits {
  maxPayloadBytes: number
  /** How far `ts` may run ahead of the receive time (device clocks drift). */
  maxFutureSkewMs: number
  /** Earliest accepted `ts` (epoch ms): a plant's data cannot predate the platform (issue 10). */
  minTsMs: number
}

export interface IncomingMessage {
  topic: string
  payload: Uint8Array
  receivedAtMs: number
}

export type Validation =
  | { ok: true; key: string; record: TelemetryRecord }
  | { ok: false; reason: RejectionCode; message: string; key?: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

// No closures are created per call here: under tsx every closure gets a name set with
// Object.defineProperty, which the profile of issue 16 showed as a large share of a sample's cost.

/**
 * Checks one MQTT message against the v1 contract and the registry. Pure and total: any bytes
 * on any topic give a record or a rejection with a reason, never an exception.
 */
export function validateMessage(msg: IncomingMessage, index: RegistryIndex, limits: ValidationLimits): Validation {
  const topic = parseTopicCached(msg.topic)
  if (!topic.ok) return reject(topic.reason, topic.message)
  const key = deviceKey(topic.ref)

  if (msg.payload.byteLength === 0) return reject('empty_payload', 'payload is empty', key)
  if (msg.payload.byteLength > limits.maxPayloadBytes) {
    return reject('payload_too_large', `payload is ${msg.payload.byteLength} bytes, the limit is ${limits.maxPayloadBytes}`, key)
  }
  const body = decodeJson(msg.payload)
  if (!body.ok) return reject(body.reason, body.message, key)

  return validateBody({ ref: topic.ref, key, entry: index.device(topic.ref), channel: topic.channel, body: body.value, receivedAtMs: msg.receivedAtMs }, limits)
}

export interface BodyInput {
  ref: DeviceRef
  key: string
  /** The registry's entry for `ref`, looked up by the caller (a batch looks each device up once). */
  entry: DeviceEntry | undefined
  channel: Channel
  body: Record<string, unknown>
  receivedAtMs: number
}

/**
 * The v1 rules for one decoded payload of a known address: registry, channel allowed, schema,
 * ts window, unit and medium. Shared by v1 messages and each sample of a v1.1 batch, so both give
 * the same reasons.
 */
export function validateBody(input: BodyInput, limits: ValidationLimits): Validation {
  const { ref, key, channel, entry } = input
  if (!entry) return reject('unknown_device', `device ${key} is not in the registry`, key)
  if (!entry.channels.includes(channel)) {
    return reject('channel_not_allowed', `device ${key} (${entry.kind}) does not publish ${channel}`, key)
  }

  const parsed = parsePayload(channel, input.body)
  if (!parsed.ok) return reject(parsed.reason, parsed.message, key)
  const payload = parsed.value
  const ts = timestampToMs(payload.ts)
  if (ts > input.receivedAtMs + limits.maxFutureSkewMs) {
    return reject('future_timestamp', `ts ${new Date(ts).toISOString()} is more than ${limits.maxFutureSkewMs} ms ahead of the receive time`, key)
  }
  if (ts < limits.minTsMs) {
    return reject('timestamp_before_min', `ts ${new Date(ts).toISOString()} is before the earliest accepted ${new Date(limits.minTsMs).toISOString()} (INGEST_MIN_TS)`, key)
  }
  // Built field by field in one fixed order, never with conditional spreads: V8 turns those into
  // slow objects, and the profile of issue 16 put most of a sample's cost there.
  const r: Record<string, unknown> = { v: 1, firm: ref.firm, plant: ref.plant, line: ref.line, device: ref.device, ts, receivedAt: input.receivedAtMs }
  if (payload.seq !== undefined) r.seq = payload.seq
  if (payload.boot !== undefined) r.boot = bootId(payload.boot)
  r.channel = channel

  switch (channel) {
    case 'state': {
      const p = payload as StatePayload
      r.state = p.state
      if (p.reason) r.reason = p.reason
      break
    }
    case 'count': {
      const p = payload as CountPayload
      const registered = entry.kind === 'machine' ? entry.machine.unit : undefined
      if (p.unit && registered && p.unit !== registered) {
        return reject('schema_violation', `unit ${p.unit} differs from the registered unit ${registered} of ${key}`, key)
      }
      const unit = p.unit ?? registered
      r.total = p.total
      if (p.good !== undefined) r.good = p.good
      if (unit) r.unit = unit
      break
    }
    case 'energy': {
      const p = payload as EnergyPayload
      const media = deviceMedia(entry)
      // A device that meters one medium may leave it out; otherwise electricity is the default (DESIGN.md).
      const medium: EnergyMedium = p.medium ?? (media.length === 1 && media[0] ? media[0] : 'electricity')
      if (!media.includes(medium)) return reject('medium_mismatch', `device ${key} meters ${media.join(', ') || 'nothing'}, not ${medium}`, key)
      r.total = p.total
      r.medium = medium
      if (p.power !== undefined) r.power = p.power
      break
    }
    case 'process': {
      // Only whether each gauge is declared; whether a reading is plausible is the aggregator's
      // business (an out-of-range event), so a suspect reading is kept, not dead-lettered (issue 16).
      const p = payload as ProcessPayload
      const unknown = undeclaredGauges(deviceGauges(entry), p.values)
      if (unknown.length > 0) return reject('unknown_gauge', `device ${key} declares no gauge ${unknown.slice(0, 5).join(', ')}`, key)
      r.values = p.values
      break
    }
  }
  return { ok: true, key, record: r as TelemetryRecord }
}

const topicCache = new Map<string, ReturnType<typeof parseTopic>>()

/** Topics recur every few seconds per device: parse each once (bounded, for hostile input). */
function parseTopicCached(topic: string): ReturnType<typeof parseTopic> {
  let parsed = topicCache.get(topic)
  if (parsed === undefined) {
    parsed = parseTopic(topic)
    if (topicCache.size >= 50_000) topicCache.clear()
    topicCache.set(topic, parsed)
  }
  return parsed
}

function reject(reason: RejectionCode, message: string, key?: string): Validation {
  return key === undefined ? { ok: false, reason, message } : { ok: false, reason, message, key }
}


type Step<T> = { ok: true; value: T } | { ok: false; reason: RejectionCode; message: string }

export function decodeJson(bytes: Uint8Array): Step<Record<string, unknown>> {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { ok: false, reason: 'not_utf8', message: 'payload is not valid UTF-8' }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { ok: false, reason: 'malformed_json', message: `payload is not JSON: ${(err as Error).message.slice(0, 120)}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not_an_object', message: `payload JSON is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}, not an object` }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

const CUMULATIVE_FIELDS = ['total', 'good'] as const

/** Maps schema failures to the most specific reason a device maker can act on. */
function parsePayload(channel: Channel, body: Record<string, unknown>): Step<{ ts: number | string; seq?: number; boot?: number | string } & Record<string, unknown>> {
  for (const field in body) {
    const value = body[field]
    // JSON has no NaN or Infinity literals, but 1e999 parses to Infinity.
    if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, reason: 'non_finite_number', message: `${field} is not a finite number` }
  }
  for (const field of CUMULATIVE_FIELDS) {
    const value = body[field]
    if (typeof value === 'number' && value < 0) return { ok: false, reason: 'negative_cumulative', message: `${field} is ${value}: cumulative values never go below 0` }
  }
  // zod is the contract, and only asked for a refused payload's reason (issue 16: it was a fifth of a sample's cost).
  if (isValidPayload(channel, body)) return { ok: true, value: body as { ts: number | string } }
  const result = PAYLOAD_SCHEMAS[channel].safeParse(body)
  if (result.success) return { ok: true, value: result.data }
  const issue = result.error.issues[0]
  const path = issue?.path.join('.') || '(payload)'
  const message = `${path}: ${issue?.message ?? 'invalid'}`
  if (issue?.path[0] === 'ts') return { ok: false, reason: 'bad_timestamp', message }
  return { ok: false, reason: 'schema_violation', message }
}
