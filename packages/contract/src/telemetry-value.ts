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
  const first = records[0]
  if (first === undefined) throw new Error('encodeTelemetryValue needs at least one record')
  if (records.length === 1) return JSON.stringify(first)
  // Written out here rather than built as objects for JSON.stringify: this runs per sample on
  // ingest's hot path, and the copies without the device fields cost 0.3 µs of 0.75 per sample
  // (issue 16). The same text as JSON.stringify of the device batch record (property test).
  let text = `{"v":1,"firm":${JSON.stringify(first.firm)},"plant":${JSON.stringify(first.plant)},"line":${JSON.stringify(first.line)},"device":${JSON.stringify(first.device)},"receivedAt":${jsonValue(first.receivedAt)},"samples":[`
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as TelemetryRecord & Record<string, unknown>
    if (r.firm !== first.firm || r.plant !== first.plant || r.line !== first.line || r.device !== first.device) {
      throw new Error(`a device batch holds one device: ${first.device} and ${r.device}`)
    }
    let sample = ''
    for (const field in r) {
      if (field === 'v' || field === 'firm' || field === 'plant' || field === 'line' || field === 'device' || field === 'receivedAt') continue
      const value = jsonValue(r[field])
      if (value !== undefined) sample += `${sample === '' ? '' : ','}${fieldText(field)}${value}`
    }
    text += `${i === 0 ? '' : ','}{${sample}}`
  }
  return `${text}]}`
}

/** JSON.stringify of one value; a finite number without the generic path (most of a sample). */
function jsonValue(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : (JSON.stringify(value) as string | undefined)
}

const fieldTexts = new Map<string, string>()

/** `"field":`, kept per field name: records have a dozen. */
function fieldText(field: string): string {
  let text = fieldTexts.get(field)
  if (text === undefined) {
    text = `${JSON.stringify(field)}:`
    if (fieldTexts.size < 1000) fieldTexts.set(field, text)
  }
  return text
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
