import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { telemetryRecordSchema, type TelemetryRecord } from './records.ts'
import { decodeTelemetryValue, deviceBatchRecordSchema, encodeTelemetryValue, encodeTelemetryValueBytes } from './telemetry-value.ts'

const device = { v: 1 as const, firm: 'f1', plant: 'p1', line: 'l1', device: 'loom-01', receivedAt: 1_772_323_201_000 }
const records: TelemetryRecord[] = [
  { ...device, channel: 'state', ts: 1_772_323_200_000, seq: 1, boot: 'b1', state: 'down', reason: 'warp_break' },
  { ...device, channel: 'count', ts: 1_772_323_200_500, seq: 2, boot: 'b1', total: 120_345, good: 120_000, unit: 'pick' },
  { ...device, channel: 'energy', ts: 1_772_323_200_900, seq: 3, boot: 'b1', total: 88.5, medium: 'electricity', power: 1.2 },
]
const bytes = (s: string) => Buffer.from(s, 'utf8')

describe('telemetry record values', () => {
  it('keep one record as the v1 record byte for byte', () => {
    expect(encodeTelemetryValue(records.slice(0, 1))).toBe(JSON.stringify(records[0]))
  })

  it('carry several samples of one device in one value and read them back in order', () => {
    const value = encodeTelemetryValue(records)
    expect(JSON.parse(value)).toMatchObject({ device: 'loom-01', samples: [{ channel: 'state' }, { channel: 'count' }, { channel: 'energy' }] })
    expect(decodeTelemetryValue(bytes(value))).toEqual({ ok: true, records, batch: true })
  })

  it('refuse to mix devices in one value', () => {
    expect(() => encodeTelemetryValue([records[0]!, { ...records[1]!, device: 'loom-02' }])).toThrow(/one device/)
  })

  it('do not let a sample overwrite the device it is filed under', () => {
    const value = JSON.stringify({ ...device, samples: [{ channel: 'state', ts: 1, state: 'idle', device: 'other', firm: 'f9' }] })
    const decoded = decodeTelemetryValue(bytes(value))
    expect(decoded.ok && decoded.records[0]).toMatchObject({ firm: 'f1', device: 'loom-01' })
  })

  it.each([
    ['empty', '', 'empty_payload'],
    ['not JSON', '{"v":1,', 'malformed_json'],
    ['a record of another shape', '{"v":1,"channel":"state"}', 'schema_violation'],
    ['a batch without samples', JSON.stringify({ ...device, samples: [] }), 'schema_violation'],
    ['a batch with one bad sample', JSON.stringify({ ...device, samples: [{ channel: 'count', ts: 1, total: -1 }] }), 'schema_violation'],
  ])('refuse %s with a reason', (_name, value, reason) => {
    expect(decodeTelemetryValue(bytes(value))).toMatchObject({ ok: false, reason })
  })

  it('name the bad sample of a batch', () => {
    const value = JSON.stringify({ ...device, samples: [records[1]!, { channel: 'count', ts: 1, total: -1 }] })
    expect(decodeTelemetryValue(bytes(value))).toMatchObject({ ok: false, message: expect.stringMatching(/^sample 1 of a device batch: total/) })
  })
})

/** The decoding of a device batch record straight from its published schema: what decodeBatch must match. */
function decodeBySchema(json: unknown): TelemetryRecord[] | 'refused' {
  const batch = deviceBatchRecordSchema.safeParse(json)
  if (!batch.success) return 'refused'
  const { samples, ...fields } = batch.data
  const out: TelemetryRecord[] = []
  for (const sample of samples) {
    const parsed = telemetryRecordSchema.safeParse({ ...sample, ...fields })
    if (!parsed.success) return 'refused'
    out.push(parsed.data)
  }
  return out
}

// Every channel with each optional field present or not, valid or just past valid: the decode's
// fast path checks each of them itself (canonicalSampleRecord), so each must be able to fail.
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const goodSample = fc.oneof(
  fc.record({ channel: fc.constant('state'), ts: fc.nat(), state: fc.constantFrom('running', 'down', 'unknown', 'exploded'), reason: optional(fc.oneof(fc.string(), fc.nat())) }, { requiredKeys: ['channel', 'ts', 'state'] }),
  fc.record(
    {
      channel: fc.constant('count'), ts: fc.oneof({ weight: 6, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.constant(2 ** 53) }), total: fc.oneof(fc.nat(), fc.double()), good: optional(fc.oneof(fc.nat(), fc.constantFrom(-1, '3'))),
      unit: optional(fc.constantFrom('piece', 'm', 'kg', 'furlong')), seq: optional(fc.integer({ min: -2, max: 9 })), boot: optional(fc.constantFrom('b1', 'no pe', 7)),
    },
    { requiredKeys: ['channel', 'ts', 'total'] },
  ),
  fc.record({ channel: fc.constant('energy'), ts: fc.nat(), total: fc.nat(), medium: fc.constantFrom('electricity', 'steam', 'ether'), power: optional(fc.double()), seq: optional(fc.integer({ min: -2, max: 9 })) }, { requiredKeys: ['channel', 'ts', 'total', 'medium'] }),
  fc.record({ channel: fc.constant('process'), ts: fc.nat(), values: fc.oneof(fc.dictionary(fc.constantFrom('rh', 'temp_c', 'Bad Name'), fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(1e12), fc.constant('5'))), fc.jsonValue()) }, { requiredKeys: ['channel', 'ts', 'values'] }),
)
const anySample = fc.oneof({ weight: 4, arbitrary: goodSample }, { weight: 1, arbitrary: fc.jsonValue() }, { weight: 1, arbitrary: fc.tuple(goodSample, fc.dictionary(fc.constantFrom('device', 'v', 'extra', 'ts', 'samples'), fc.jsonValue())).map(([a, b]) => ({ ...a, ...b })) })
// A valid envelope most of the time, so that most cases reach the samples; now and then one field
// missing or wrong, so that the envelope's own check is held to the schema too.
const validEnvelope = fc.record({
  v: fc.constant(1),
  firm: fc.constant('f1'),
  plant: fc.constant('p1'),
  line: fc.constant('l1'),
  device: fc.constant('loom-01'),
  receivedAt: fc.nat(),
  samples: fc.oneof({ weight: 8, arbitrary: fc.array(anySample, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.jsonValue() }),
})
const envelopeFlaws = fc.record({ v: fc.constant(2), firm: fc.constant('F!'), receivedAt: fc.constantFrom(-1, 1.5, 2 ** 53, '5') }, { requiredKeys: [] })
const envelope = fc.oneof(
  { weight: 4, arbitrary: validEnvelope },
  { weight: 1, arbitrary: fc.tuple(validEnvelope, envelopeFlaws, fc.subarray(['v', 'firm', 'plant', 'line', 'device', 'receivedAt'])).map(([e, flaws, drop]) => {
    const out: Record<string, unknown> = { ...e, ...flaws }
    for (const key of drop) delete out[key]
    return out
  }) },
)

describe('device batch decoding', () => {
  it('accepts and refuses exactly as the published device batch schema does, and gives the same records', () => {
    fc.assert(
      fc.property(envelope, (batch) => {
        const text = JSON.stringify(batch)
        const expected = decodeBySchema(JSON.parse(text))
        const decoded = decodeTelemetryValue(bytes(text))
        expect(decoded.ok ? decoded.records : 'refused').toEqual(expected)
      }),
      { numRuns: 2_000 },
    )
  })
})

/** The device batch record as JSON.stringify writes it: what encodeTelemetryValue must give. */
function encodeByStringify(rs: readonly TelemetryRecord[]): string {
  const first = rs[0]!
  const samples = rs.map(({ v: _v, firm: _f, plant: _p, line: _l, device: _d, receivedAt: _r, ...sample }) => sample)
  return JSON.stringify({ v: 1, firm: first.firm, plant: first.plant, line: first.line, device: first.device, receivedAt: first.receivedAt, samples })
}

describe('device batch encoding', () => {
  // Any field values, not only valid ones: numbers at JSON's edges, strings that need escaping,
  // nested values, fields left undefined, and keys in any order.
  const value = fc.oneof(fc.double(), fc.constantFrom(-0, 1e21, 5e-324, 2 ** 53, Number.NaN, Infinity), fc.string(), fc.constantFrom('"quoted"\n', '\u2028', '\ud800'), fc.jsonValue(), fc.constant(undefined), fc.constant(() => 1), fc.constant(Symbol('s')))
  const fields = fc.dictionary(fc.oneof(fc.constantFrom('ts', 'seq', 'boot', 'channel', 'total', 'good', 'unit', 'state', 'reason', 'values', 'medium', 'power'), fc.string(), fc.constantFrom('0', '7', '"k"')), value)
  const oneDevice = fc.record({ firm: fc.string(), plant: fc.string(), line: fc.string(), device: fc.string(), receivedAt: fc.oneof(fc.nat(), fc.double()) })

  it('writes the same text as JSON.stringify of the device batch record', () => {
    fc.assert(
      fc.property(oneDevice, fc.array(fields, { minLength: 2, maxLength: 6 }), (dev, samples) => {
        const rs = samples.map((sample) => ({ v: 1, ...dev, ...sample }) as unknown as TelemetryRecord)
        expect(encodeTelemetryValue(rs)).toBe(encodeByStringify(rs))
        expect(encodeTelemetryValueBytes(rs)).toEqual(Buffer.from(encodeByStringify(rs)))
      }),
      { numRuns: 3000 },
    )
  })

  it('writes the records ingest builds as JSON.stringify does', () => {
    expect(encodeTelemetryValue(records)).toBe(encodeByStringify(records))
    expect(encodeTelemetryValueBytes(records)).toEqual(Buffer.from(encodeByStringify(records)))
    expect(encodeTelemetryValueBytes(records.slice(0, 1))).toEqual(Buffer.from(JSON.stringify(records[0])))
  })

  it('writes a value larger than its reused buffer, and a small one after it, whole', () => {
    const big = Array.from({ length: 3000 }, (_, i) => ({ ...records[0]!, seq: i, reason: `r${'x'.repeat(40)}${i}` }) as TelemetryRecord)
    const bytes = encodeTelemetryValueBytes(big)
    expect(bytes.length).toBeGreaterThan(128 * 1024)
    expect(bytes).toEqual(Buffer.from(encodeByStringify(big)))
    expect(encodeTelemetryValueBytes(records)).toEqual(Buffer.from(encodeByStringify(records)))
    // Each value is its own copy: writing the next leaves the first as it was.
    expect(bytes).toEqual(Buffer.from(encodeByStringify(big)))
  })
})
