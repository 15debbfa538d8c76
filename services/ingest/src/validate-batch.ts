import { BATCH_MAX_BYTES, BATCH_MAX_SAMPLES, CHANNELS, ID_PATTERN, type Channel, type DeviceEntry, type DeviceRef, type RegistryIndex, type RejectionCode, type TelemetryRecord } from '@millstream/contract'
import { decodeJson, validateBody, type IncomingMessage, type ValidationLimits } from './validate-message.ts'

/** A sample refused on its own: the rest of its batch goes on. */
export interface SampleRejection {
  index: number
  reason: RejectionCode
  message: string
  key?: string
  /** The sample as received, for its dead-letter record. */
  sample: unknown
}

/** Good records grouped by device key, each group in batch order (per-device order holds). */
export type BatchValidation =
  | { ok: true; firm: string; plant: string; devices: Map<string, TelemetryRecord[]>; rejected: SampleRejection[]; samples: number }
  | { ok: false; reason: RejectionCode; message: string }

/**
 * Checks a contract v1.1 batch message of the plant `firm`/`plant` (from its topic): the envelope
 * for the whole message, then every sample on its own with the v1 rules (validateBody), so a
 * sample gets the reason a v1 message with the same content would get. Pure and total.
 */
export function validateBatch(msg: IncomingMessage, plant: { firm: string; plant: string }, index: RegistryIndex, limits: ValidationLimits): BatchValidation {
  if (msg.payload.byteLength === 0) return { ok: false, reason: 'empty_payload', message: 'payload is empty' }
  if (msg.payload.byteLength > BATCH_MAX_BYTES) {
    return { ok: false, reason: 'payload_too_large', message: `batch is ${msg.payload.byteLength} bytes, the limit is ${BATCH_MAX_BYTES}` }
  }
  const body = decodeJson(msg.payload)
  if (!body.ok) return body
  const samples = body.value.samples
  if (!Array.isArray(samples)) return { ok: false, reason: 'schema_violation', message: 'samples: must be an array of samples' }
  if (samples.length === 0) return { ok: false, reason: 'schema_violation', message: 'samples: a batch holds at least one sample' }
  if (samples.length > BATCH_MAX_SAMPLES) {
    return { ok: false, reason: 'payload_too_large', message: `batch has ${samples.length} samples, the limit is ${BATCH_MAX_SAMPLES}` }
  }
  const devices = new Map<string, TelemetryRecord[]>()
  const rejected: SampleRejection[] = []
  const addresses: Addresses = new Map()
  for (let i = 0; i < samples.length; i++) {
    const sample: unknown = samples[i]
    const result = validateSample(sample, plant, msg.receivedAtMs, addresses, index, limits)
    if (result.ok) {
      const list = devices.get(result.key)
      if (list) list.push(result.record)
      else devices.set(result.key, [result.record])
    } else rejected.push({ index: i, reason: result.reason, message: result.message, sample, ...(result.key === undefined ? {} : { key: result.key }) })
  }
  return { ok: true, firm: plant.firm, plant: plant.plant, devices, rejected, samples: samples.length }
}

type SampleResult = { ok: true; key: string; record: TelemetryRecord } | { ok: false; reason: RejectionCode; message: string; key?: string }

/** A device of the batch with its key and registry entry, by line and machine. */
interface Address {
  ref: DeviceRef
  key: string
  entry: DeviceEntry | undefined
}
type Addresses = Map<string, Map<string, Address>>

function validateSample(sample: unknown, plant: { firm: string; plant: string }, receivedAtMs: number, addresses: Addresses, index: RegistryIndex, limits: ValidationLimits): SampleResult {
  if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) {
    return { ok: false, reason: 'not_an_object', message: `sample is ${Array.isArray(sample) ? 'an array' : sample === null ? 'null' : typeof sample}, not an object` }
  }
  const s = sample as Record<string, unknown>
  // The topic names the plant (and the broker ACL vouches for it): a sample may repeat it, never change it.
  if (s.firm !== undefined && s.firm !== plant.firm) return otherPlant('firm', s.firm, plant.firm)
  if (s.plant !== undefined && s.plant !== plant.plant) return otherPlant('plant', s.plant, plant.plant)
  const { line, machine } = s
  if (typeof line !== 'string' || typeof machine !== 'string') return typeof line === 'string' && ID_PATTERN.test(line) ? badId('machine') : badId('line')
  // A batch names a few devices many times (issue 16): each is checked and looked up once.
  let address = addresses.get(line)?.get(machine)
  if (address === undefined) {
    if (!ID_PATTERN.test(line)) return badId('line')
    if (!ID_PATTERN.test(machine)) return badId('machine')
    const ref = { firm: plant.firm, plant: plant.plant, line, device: machine }
    address = { ref, key: `${ref.firm}/${ref.plant}/${line}/${machine}`, entry: index.device(ref) }
    const ofLine = addresses.get(line)
    if (ofLine === undefined) addresses.set(line, new Map([[machine, address]]))
    else ofLine.set(machine, address)
  }
  const { ref, key, entry } = address
  const channel = s.channel
  if (typeof channel !== 'string' || !(CHANNELS as readonly string[]).includes(channel)) {
    return { ok: false, reason: 'unknown_channel', message: `channel "${String(channel).slice(0, 80)}" is not one of ${CHANNELS.join(', ')}`, key }
  }
  // The v1 schemas drop the address fields (line, machine, channel) as unknown keys.
  return validateBody({ ref, key, entry, channel: channel as Channel, body: s, receivedAtMs }, limits)
}

function otherPlant(level: 'firm' | 'plant', named: unknown, topic: string): SampleResult {
  return { ok: false, reason: 'schema_violation', message: `${level} ${String(named).slice(0, 80)} differs from the topic's ${level} ${topic}: a batch carries one plant` }
}

function badId(level: 'line' | 'machine'): SampleResult {
  return { ok: false, reason: 'schema_violation', message: `${level}: must be an id matching [a-z0-9][a-z0-9_-]{0,63}` }
}
