import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { telemetryRecordSchema, type TelemetryRecord } from './records.ts'
import { decodeTelemetryValue, deviceBatchRecordSchema, encodeTelemetryValue } from './telemetry-value.ts'

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

const goodSample = fc.oneof(
  fc.record({ channel: fc.constant('state'), ts: fc.nat(), state: fc.constantFrom('running', 'down', 'exploded'), reason: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['channel', 'ts', 'state'] }),
  fc.record({ channel: fc.constant('count'), ts: fc.oneof(fc.nat(), fc.double()), total: fc.oneof(fc.nat(), fc.double()), seq: fc.option(fc.integer({ min: -2, max: 9 }), { nil: undefined }), boot: fc.option(fc.constantFrom('b1', 'no pe'), { nil: undefined }) }, { requiredKeys: ['channel', 'ts', 'total'] }),
  fc.record({ channel: fc.constant('energy'), ts: fc.nat(), total: fc.nat(), medium: fc.constantFrom('electricity', 'steam', 'ether'), power: fc.option(fc.double(), { nil: undefined }) }, { requiredKeys: ['channel', 'ts', 'total', 'medium'] }),
)
const anySample = fc.oneof({ weight: 4, arbitrary: goodSample }, { weight: 1, arbitrary: fc.jsonValue() }, { weight: 1, arbitrary: fc.tuple(goodSample, fc.dictionary(fc.constantFrom('device', 'v', 'extra', 'ts', 'samples'), fc.jsonValue())).map(([a, b]) => ({ ...a, ...b })) })
const envelope = fc.record({
  v: fc.constantFrom(1, 2),
  firm: fc.constantFrom('f1', 'F!'),
  plant: fc.constant('p1'),
  line: fc.constant('l1'),
  device: fc.constant('loom-01'),
  receivedAt: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 2 ** 53, '5')),
  samples: fc.oneof({ weight: 6, arbitrary: fc.array(anySample, { maxLength: 5 }) }, { weight: 1, arbitrary: fc.jsonValue() }),
}, { requiredKeys: ['samples'] })

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
