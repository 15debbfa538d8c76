import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCanonicalRecord, isValidPayload } from './payload-check.ts'
import { PAYLOAD_SCHEMAS } from './payloads.ts'
import { telemetryRecordSchema } from './records.ts'
import { CHANNELS, type Channel } from './topic.ts'

// Values at and just past every bound of the schemas, and of every wrong type.
const edgeNumbers = [0, -0, 1, -1, 0.5, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 8.64e15, 8.64e15 + 1, 1e12, -1e12, 1e12 + 1, -1e12 - 1, Infinity, -Infinity, Number.NaN, 1_780_000_000_000]
const wrongTypes = [null, true, '', '1', [], {}, [1]]
const number = fc.oneof(fc.constantFrom(...edgeNumbers), fc.integer(), fc.double(), fc.nat())
const timestamp = fc.oneof(
  number,
  fc.constantFrom('2026-12-01T08:00:00Z', '2026-12-01T08:00:00.123456789+08:00', '2026-12-01 08:00:00z', '2026-02-31T08:00:00Z', '2026-13-01T08:00:00Z', '2026-00-10T08:00:00Z', '2026-12-01T08:00:00', '2026-12-01T08:00:00.1234567890Z', '2024-02-29T00:00:00-05:00', '2026-12-01T25:00:00Z'),
  fc.constantFrom(...wrongTypes),
)
const boot = fc.oneof(number, fc.constantFrom('b1', 'fw-2.1:7', 'no space', '', 'x'.repeat(64), 'x'.repeat(65)), fc.constantFrom(...wrongTypes))
const reason = fc.oneof(fc.constantFrom('jam', 'yarn_break', 'a.b-c', 'Jam', '_x', '', 'a'.repeat(64), 'a'.repeat(65)), fc.string(), fc.constantFrom(...wrongTypes))
const gaugeValues = fc.oneof(
  fc.dictionary(fc.constantFrom('temp_c', 'rh', 'Rh', '_x', '1a', 'speed_rpm', 'a'.repeat(32), 'a'.repeat(33)), number, { maxKeys: 4 }),
  fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,3}$/), fc.integer({ min: -100, max: 100 }), { minKeys: 30, maxKeys: 34 }),
  fc.constantFrom(...wrongTypes),
)
/** Each field is absent, valid-looking or broken, so the generator crosses every branch of both checks. */
const optional = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 })
const body = fc
  .record({
    ts: optional(timestamp),
    seq: optional(number),
    boot: optional(boot),
    state: optional(fc.oneof(fc.constantFrom('running', 'idle', 'down', 'setup', 'planned_stop', 'off', 'unknown', 'RUNNING'), fc.constantFrom(...wrongTypes))),
    reason: optional(reason),
    total: optional(number),
    good: optional(number),
    unit: optional(fc.constantFrom('pick', 'm', 'kg', 'piece', 'doff', 'km', null)),
    medium: optional(fc.constantFrom('electricity', 'steam', 'water', 'gas', 'coal', null)),
    power: optional(number),
    values: optional(gaugeValues),
    extra: optional(fc.jsonValue()),
  })
  .map((b) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) as Record<string, unknown>)

describe('isValidPayload', () => {
  it.each(CHANNELS)('accepts exactly what the %s schema accepts', (channel: Channel) => {
    let accepted = 0
    fc.assert(
      fc.property(body, (b) => {
        const zod = PAYLOAD_SCHEMAS[channel].safeParse(b)
        expect(isValidPayload(channel, b)).toBe(zod.success)
        if (zod.success) accepted++
      }),
      { numRuns: 4_000 },
    )
    // Generated bodies that pass are what the check is for: the run must hold some.
    expect(accepted).toBeGreaterThan(10)
  })

  it('reads a passing body as the schema does for every declared field', () => {
    const b = { ts: '2026-12-01T08:00:00+08:00', total: 12, good: 11, unit: 'm', seq: 4, boot: 7, extra: { deep: [1] } }
    expect(isValidPayload('count', b)).toBe(true)
    const parsed = PAYLOAD_SCHEMAS.count.parse(b)
    for (const [field, value] of Object.entries(parsed)) expect(b[field as keyof typeof b]).toEqual(value)
  })

  it('leaves a gauge named __proto__ to zod (which drops the key), so the record never carries it', () => {
    const b = JSON.parse('{"ts":0,"values":{"temp_c":1,"__proto__":2}}') as Record<string, unknown>
    expect(isValidPayload('process', b)).toBe(false)
    expect(PAYLOAD_SCHEMAS.process.parse(b).values).toEqual({ temp_c: 1 })
  })

  it('refuses good above total, a state outside the contract and 33 gauges', () => {
    expect(isValidPayload('count', { ts: 0, total: 1, good: 2 })).toBe(false)
    expect(isValidPayload('state', { ts: 0, state: 'exploded' })).toBe(false)
    expect(isValidPayload('process', { ts: 0, values: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`g${i}`, 1])) })).toBe(false)
  })
})

/** Mostly a valid value, sometimes one at or past a bound or of the wrong type. */
const mostly = <T,>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: other })
const id = mostly(fc.constantFrom('f1', 'loom-01', 'a_b', 'x'.repeat(64)), fc.constantFrom('F1', '-x', '', 'x'.repeat(65), 7, null))
const epoch = mostly(fc.nat(), number)
const channelFields = {
  state: { state: mostly(fc.constantFrom('running', 'off'), fc.constantFrom('unknown', 7)), reason: optional(mostly(fc.string(), fc.constantFrom(1, null))) },
  count: { total: mostly(fc.nat(), number), good: optional(mostly(fc.nat(), number)), unit: optional(mostly(fc.constant('pick'), fc.constantFrom('km', null))) },
  energy: { total: mostly(fc.double({ min: 0, max: 1e9, noNaN: true }), number), medium: mostly(fc.constantFrom('electricity', 'gas'), fc.constantFrom('coal', null, undefined)), power: optional(mostly(fc.nat(), number)) },
  process: { values: mostly(fc.dictionary(fc.constantFrom('temp_c', 'rh'), fc.integer({ min: -100, max: 100 })), gaugeValues) },
}
const foreign = fc.dictionary(fc.constantFrom('extra', 'state', 'total', 'values', 'medium', 'v'), fc.jsonValue(), { maxKeys: 1 })
const record = fc
  .constantFrom(...CHANNELS, 'gauge', '__proto__', 'constructor')
  .chain((channel) =>
    fc.record({
      base: fc.record({
        v: mostly(fc.constant(1), fc.constantFrom(2, '1')),
        firm: id,
        plant: id,
        line: id,
        device: id,
        ts: epoch,
        receivedAt: epoch,
        seq: optional(mostly(fc.nat(), number)),
        boot: optional(mostly(fc.constantFrom('b1', '7'), boot)),
      }),
      fields: fc.record((channelFields as Record<string, Record<string, fc.Arbitrary<unknown>>>)[channel] ?? channelFields.state),
      foreign: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: foreign }),
    }).map(({ base, fields, foreign }) => Object.fromEntries(Object.entries({ ...base, channel, ...fields, ...foreign }).filter(([, v]) => v !== undefined))),
  )

describe('isCanonicalRecord', () => {
  it('accepts a record only when zod accepts it and would output it unchanged', () => {
    let accepted = 0
    fc.assert(
      fc.property(record, (r) => {
        const zod = telemetryRecordSchema.safeParse(r)
        const canonical = zod.success && Object.keys(zod.data).length === Object.keys(r).length
        expect(isCanonicalRecord(r)).toBe(canonical)
        if (canonical) {
          accepted++
          expect(zod.data).toEqual(r)
        }
      }),
      { numRuns: 8_000 },
    )
    expect(accepted).toBeGreaterThan(500)
  })

  it('leaves a record with a key zod strips to zod', () => {
    const r = { v: 1, firm: 'f', plant: 'p', line: 'l', device: 'd', ts: 1, receivedAt: 2, channel: 'state', state: 'running', note: 'x' }
    expect(telemetryRecordSchema.safeParse(r).success).toBe(true)
    expect(isCanonicalRecord(r)).toBe(false)
  })
})
