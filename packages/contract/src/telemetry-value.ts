import { z } from 'zod'
import { idSchema } from './ids.ts'
import { canonicalSampleRecord, isBatchEnvelope, isCanonicalRecord } from './payload-check.ts'
import { REJECTION_REASONS, type RejectionCode } from './rejections.ts'
import { telemetryRecordSchema, type TelemetryRecord } from './records.ts'

/**
 * The value of a `mill.telemetry.v1` record that carries several samples of one device (contract
 * v1.1: a gateway's batch message is split by device, so the record stays keyed by device and
 * per-device order holds). Each sample is a telemetry record without the device fields.
 */
export const deviceBatchRecordSchema = z.object({
  v: z.literal(1),
  firm: idSchema,
  plant: idSchema,
  line: idSchema,
  device: idSchema,
  receivedAt: z.number().int().nonnegative(),
  samples: z.array(z.record(z.string(), z.unknown())).min(1),
})
export type DeviceBatchRecord = z.infer<typeof deviceBatchRecordSchema>

export type TelemetryValueDecode =
  /** `batch`: the value was a device batch record (even of one sample), so each record has an index in it. */
  | { ok: true; records: TelemetryRecord[]; batch: boolean }
  | { ok: false; reason: RejectionCode; message: string }

/**
 * The value to produce for records of one device, in order: one record stays the v1 record byte
 * for byte (readers of v1 keep working); several become one device batch record.
 */
export function encodeTelemetryValue(records: readonly TelemetryRecord[]): string {
  return records.length === 1 ? JSON.stringify(records[0]) : encodeTelemetryValueBytes(records).toString('utf8')
}

/**
 * encodeTelemetryValue's text as UTF-8 bytes, ready for Kafka. A device batch record is written
 * straight into bytes, field by field, instead of as strings for JSON.stringify: this runs per
 * sample on ingest's hot path (issue 16), where the strings the text was built from were most of
 * what a sample allocated (660 bytes of garbage for its 100 bytes of output) and Kafka's client
 * then copied the text into bytes once more. The same bytes as JSON.stringify's text of the device
 * batch record (property test).
 */
export function encodeTelemetryValueBytes(records: readonly TelemetryRecord[]): Buffer {
  const first = records[0]
  if (first === undefined) throw new Error('encodeTelemetryValue needs at least one record')
  if (records.length === 1) return Buffer.from(JSON.stringify(first))
  const w = writer
  w.at = 0
  w.text(`{"v":1,"firm":${JSON.stringify(first.firm)},"plant":${JSON.stringify(first.plant)},"line":${JSON.stringify(first.line)},"device":${JSON.stringify(first.device)},"receivedAt":`)
  w.value(first.receivedAt)
  w.text(',"samples":[')
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as TelemetryRecord & Record<string, unknown>
    if (r.firm !== first.firm || r.plant !== first.plant || r.line !== first.line || r.device !== first.device) {
      throw new Error(`a device batch holds one device: ${first.device} and ${r.device}`)
    }
    if (i > 0) w.byte(COMMA)
    w.byte(OPEN)
    let empty = true
    for (const field in r) {
      if (field === 'v' || field === 'firm' || field === 'plant' || field === 'line' || field === 'device' || field === 'receivedAt') continue
      const value = r[field]
      // JSON.stringify leaves out these fields.
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue
      if (!empty) w.byte(COMMA)
      w.bytes(kept(fieldBytes, field, fieldJson))
      w.value(value)
      empty = false
    }
    w.byte(CLOSE)
  }
  w.text(']}')
  return w.take()
}

const COMMA = 0x2c
const OPEN = 0x7b
const CLOSE = 0x7d

/**
 * A reused, growing byte buffer for one value at a time (`take` copies the value out before the
 * next one starts). Short texts are copied in by JavaScript, not Buffer's native write: a call
 * into C++ per field would cost more than the field.
 */
class ByteWriter {
  buf = Buffer.allocUnsafe(64 * 1024)
  at = 0

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes))
    this.buf.copy(bigger, 0, 0, this.at)
    this.buf = bigger
  }

  byte(b: number): void {
    this.room(1)
    this.buf[this.at++] = b
  }

  /** Short byte strings (a field's name, a channel) by a loop: TypedArray set costs more below a few dozen bytes. */
  bytes(b: Uint8Array): void {
    this.room(b.length)
    const buf = this.buf
    const at = this.at
    for (let i = 0; i < b.length; i++) buf[at + i] = b[i] as number
    this.at = at + b.length
  }

  /** UTF-8 of `text`: ASCII by JavaScript, the rest (from the first other character) by Buffer. */
  text(text: string): void {
    this.room(text.length * 3)
    const buf = this.buf
    let at = this.at
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c >= 0x80) {
        this.at = at + buf.write(text.slice(i), at, 'utf8')
        return
      }
      buf[at++] = c
    }
    this.at = at
  }

  /**
   * JSON.stringify(value) for a value it writes. A number by String (V8 keeps the text of recent
   * numbers, and a scan's samples share their ts): measured cheaper than writing digits here.
   */
  value(value: unknown): void {
    if (typeof value === 'number') this.text(Number.isFinite(value) ? String(value) : 'null')
    else if (typeof value === 'string') this.bytes(kept(stringBytes, value, JSON.stringify))
    else this.text(JSON.stringify(value))
  }

  take(): Buffer {
    const value = Buffer.allocUnsafe(this.at)
    this.buf.copy(value, 0, 0, this.at)
    return value
  }
}

const writer = new ByteWriter()

/** `"field":` per field name (records have a dozen), and the JSON of short strings (a sample's come from small sets: channel, unit, medium, state). */
const fieldBytes = new Map<string, Buffer>()
const stringBytes = new Map<string, Buffer>()
const fieldJson = (field: string) => `${JSON.stringify(field)}:`

/** The UTF-8 of `json(key)`, kept for short keys; a full cache starts again (hostile input cannot grow it). */
function kept(cache: Map<string, Buffer>, key: string, json: (key: string) => string): Buffer {
  let bytes = cache.get(key)
  if (bytes === undefined) {
    bytes = Buffer.from(json(key))
    if (key.length <= 64) {
      if (cache.size >= 1000) cache.clear()
      cache.set(key, bytes)
    }
  }
  return bytes
}

/**
 * Reads either form back into telemetry records, each checked against the contract. Bad input is a
 * value, never an exception: a record a reader cannot trust is refused whole, with a reason.
 */
export function decodeTelemetryValue(value: Buffer | Uint8Array | null): TelemetryValueDecode {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty_payload', message: REJECTION_REASONS.empty_payload }
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed_json', message: 'record value is not JSON' }
  }
  return decodeTelemetryJson(json)
}

/** decodeTelemetryValue for a value already parsed from JSON (a consumer that reads JSON itself). */
export function decodeTelemetryJson(json: unknown): TelemetryValueDecode {
  if (typeof json === 'object' && json !== null && 'samples' in json) return decodeBatch(json)
  if (isCanonicalRecord(json)) return { ok: true, records: [json], batch: false }
  const parsed = telemetryRecordSchema.safeParse(json)
  if (!parsed.success) return violation('not a v1 telemetry record', parsed.error.issues[0])
  return { ok: true, records: [parsed.data], batch: false }
}

/**
 * The device batch record's envelope, its samples left to the per-sample check: checking them as
 * records here too would copy every sample once more for nothing (issue 16: a batch must not cost
 * more per sample than v1 records). Accepts and refuses as deviceBatchRecordSchema does
 * (property test in telemetry-value.test.ts).
 */
const batchEnvelopeSchema = deviceBatchRecordSchema.extend({ samples: z.array(z.unknown()).min(1) })

function decodeBatch(json: object): TelemetryValueDecode {
  let samples: unknown[]
  let device: Omit<DeviceBatchRecord, 'samples'>
  if (isBatchEnvelope(json)) {
    // The device fields as zod outputs them (its key order), without zod's copies.
    samples = json.samples
    device = { v: 1, firm: json.firm, plant: json.plant, line: json.line, device: json.device, receivedAt: json.receivedAt }
  } else {
    // Refused: zod says why (it refuses whatever isBatchEnvelope refuses).
    const batch = batchEnvelopeSchema.safeParse(json)
    if (!batch.success) return violation('not a device batch record', batch.error.issues[0])
    ;({ samples, ...device } = batch.data)
  }
  const records: TelemetryRecord[] = []
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]
    // JSON gives plain objects only: what deviceBatchRecordSchema's z.record admits.
    if (typeof sample !== 'object' || sample === null || Array.isArray(sample)) return violation(`sample ${i} of a device batch`, { path: [], message: 'not an object' })
    const record = canonicalSampleRecord(sample as Record<string, unknown>, device)
    if (record !== undefined) {
      records.push(record)
      continue
    }
    const parsed = telemetryRecordSchema.safeParse({ ...sample, ...device })
    if (!parsed.success) return violation(`sample ${i} of a device batch`, parsed.error.issues[0])
    records.push(parsed.data)
  }
  return { ok: true, records, batch: true }
}

function violation(what: string, issue: Pick<z.core.$ZodIssue, 'path' | 'message'> | undefined): TelemetryValueDecode {
  return { ok: false, reason: 'schema_violation', message: `${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() }
}
