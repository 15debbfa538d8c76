import { indexRegistry, registrySchema, REJECTION_CODES, telemetryRecordSchema } from '@millstream/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateMessage } from './validate-message.ts'

const index = indexRegistry(
  registrySchema.parse({
    version: 1,
    firms: [
      {
        id: 'acme',
        name: 'Acme Textiles',
        plants: [
          {
            id: 'p1',
            name: 'Plant 1',
            lines: [
              { id: 'weaving', name: 'Weaving', process: 'weaving', machines: [{ id: 'loom-1', name: 'Loom 1', type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 4 }] },
              { id: 'dyeing', name: 'Dyeing', process: 'dyeing', machines: [{ id: 'jet-1', name: 'Jet 1', type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 5, ratedPowerKw: 30, meters: ['electricity', 'steam', 'water'] }] },
              { id: 'sewing', name: 'Sewing', process: 'garment', machines: [{ id: 'sew-1', name: 'Sew 1', type: 'sewing_station', unit: 'piece', idealRatePerMin: 1, ratedPowerKw: 0.5, meters: [] }] },
              { id: 'utilities', name: 'Utilities', process: 'utilities' },
            ],
            meters: [{ id: 'steam-main', name: 'Steam main', line: 'utilities', scope: 'plant', medium: 'steam' }],
            shiftCalendar: { shifts: [{ id: 'day', name: 'Day', start: '08:00', durationH: 12 }] },
          },
        ],
      },
    ],
  }),
)

const MIN_TS = Date.parse('2020-01-01T00:00:00Z')
const limits = { maxPayloadBytes: 4096, maxFutureSkewMs: 5 * 60_000, minTsMs: MIN_TS }
const now = Date.parse('2026-03-01T08:00:00Z')
const LOOM = 'mill/v1/acme/p1/weaving/loom-1'
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))
const text = (value: string) => new TextEncoder().encode(value)
const check = (topic: string, payload: Uint8Array) => validateMessage({ topic, payload, receivedAtMs: now }, index, limits)

describe('validateMessage', () => {
  it('turns a state message into a canonical record keyed by device', () => {
    const result = check(`${LOOM}/state`, json({ ts: '2026-03-01T15:59:00+08:00', state: 'down', reason: 'warp_break', seq: 7 }))
    expect(result).toEqual({
      ok: true,
      key: 'acme/p1/weaving/loom-1',
      record: { v: 1, firm: 'acme', plant: 'p1', line: 'weaving', device: 'loom-1', channel: 'state', ts: now - 60_000, receivedAt: now, seq: 7, state: 'down', reason: 'warp_break' },
    })
  })

  it('carries the device boot into the record as a string, so seq restarts stay distinct', () => {
    const counter = check(`${LOOM}/count`, json({ ts: now, total: 10, seq: 0, boot: 3 }))
    expect(counter.ok && counter.record).toMatchObject({ seq: 0, boot: '3' })
    const named = check(`${LOOM}/state`, json({ ts: now, state: 'idle', seq: 0, boot: 'fw2-1772323200' }))
    expect(named.ok && named.record).toMatchObject({ seq: 0, boot: 'fw2-1772323200' })
    expect(check(`${LOOM}/state`, json({ ts: now, state: 'idle', boot: 'no spaces' }))).toMatchObject({ ok: false, reason: 'schema_violation' })
  })

  it('fills the registered count unit and the single medium of a meter', () => {
    const count = check(`${LOOM}/count`, json({ ts: now, total: 10 }))
    expect(count.ok && count.record).toMatchObject({ channel: 'count', unit: 'pick', total: 10 })
    const steam = check('mill/v1/acme/p1/utilities/steam-main/energy', json({ ts: now, total: 3.5 }))
    expect(steam.ok && steam.record).toMatchObject({ channel: 'energy', medium: 'steam', total: 3.5 })
    const jet = check('mill/v1/acme/p1/dyeing/jet-1/energy', json({ ts: now, total: 9 }))
    expect(jet.ok && jet.record).toMatchObject({ medium: 'electricity' })
  })

  const bad: [string, string, Uint8Array, string][] = [
    ['too few topic levels', 'mill/v1/acme/p1/weaving/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['too many topic levels', `${LOOM}/state/x`, json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['trailing slash', `${LOOM}/state/`, json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['one level under mill', 'mill/v1', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['wrong prefix', 'plant/v1/acme/p1/weaving/loom-1/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['wrong version', 'mill/v2/acme/p1/weaving/loom-1/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['upper-case id', 'mill/v1/ACME/p1/weaving/loom-1/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['empty id', 'mill/v1/acme//weaving/loom-1/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['id with a space', 'mill/v1/acme/p1/weaving/loom 1/state', json({ ts: now, state: 'idle' }), 'topic_grammar'],
    ['unknown channel', `${LOOM}/temperature`, json({ ts: now, value: 30 }), 'unknown_channel'],
    ['empty payload', `${LOOM}/state`, new Uint8Array(0), 'empty_payload'],
    ['oversized payload', `${LOOM}/state`, json({ ts: now, state: 'idle', pad: 'x'.repeat(5000) }), 'payload_too_large'],
    ['binary payload', `${LOOM}/state`, new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'not_utf8'],
    ['truncated UTF-8', `${LOOM}/state`, new Uint8Array([0x7b, 0xe2, 0x82]), 'not_utf8'],
    ['malformed JSON', `${LOOM}/state`, text('{"ts": 1, "state": "idle"'), 'malformed_json'],
    ['NaN literal', `${LOOM}/count`, text('{"ts": 1, "total": NaN}'), 'malformed_json'],
    ['Infinity literal', `${LOOM}/count`, text('{"ts": 1, "total": Infinity}'), 'malformed_json'],
    ['plain text', `${LOOM}/state`, text('running'), 'malformed_json'],
    ['JSON array', `${LOOM}/state`, json([{ ts: now, state: 'idle' }]), 'not_an_object'],
    ['JSON null', `${LOOM}/state`, text('null'), 'not_an_object'],
    ['JSON number', `${LOOM}/count`, text('42'), 'not_an_object'],
    ['JSON string', `${LOOM}/state`, json('running'), 'not_an_object'],
    ['overflowing number', `${LOOM}/count`, text(`{"ts": ${now}, "total": 1e999}`), 'non_finite_number'],
    ['negative total', `${LOOM}/count`, json({ ts: now, total: -5 }), 'negative_cumulative'],
    ['negative good', `${LOOM}/count`, json({ ts: now, total: 5, good: -1 }), 'negative_cumulative'],
    ['negative meter', 'mill/v1/acme/p1/dyeing/jet-1/energy', json({ ts: now, total: -0.1 }), 'negative_cumulative'],
    ['missing ts', `${LOOM}/state`, json({ state: 'idle' }), 'bad_timestamp'],
    ['unparsable ts', `${LOOM}/state`, json({ ts: 'yesterday', state: 'idle' }), 'bad_timestamp'],
    ['ts without offset', `${LOOM}/state`, json({ ts: '2026-03-01T08:00:00', state: 'idle' }), 'bad_timestamp'],
    ['impossible calendar date', `${LOOM}/state`, json({ ts: '2026-02-30T08:00:00Z', state: 'idle' }), 'bad_timestamp'],
    ['fractional epoch ms', `${LOOM}/state`, json({ ts: 1.5, state: 'idle' }), 'bad_timestamp'],
    ['negative epoch ms', `${LOOM}/state`, json({ ts: -1, state: 'idle' }), 'bad_timestamp'],
    ['ts as boolean', `${LOOM}/state`, json({ ts: true, state: 'idle' }), 'bad_timestamp'],
    ['ts of 0 (1970)', `${LOOM}/state`, json({ ts: 0, state: 'idle' }), 'timestamp_before_min'],
    ['ts 1 ms before the lower bound', `${LOOM}/state`, json({ ts: MIN_TS - 1, state: 'idle' }), 'timestamp_before_min'],
    ['RFC 3339 ts before the lower bound', `${LOOM}/state`, json({ ts: '2019-12-31T23:59:59+00:00', state: 'idle' }), 'timestamp_before_min'],
    ['far-future ts', `${LOOM}/state`, json({ ts: now + 3_600_000, state: 'idle' }), 'future_timestamp'],
    ['far-future RFC 3339 ts', `${LOOM}/state`, json({ ts: '2030-01-01T00:00:00Z', state: 'idle' }), 'future_timestamp'],
    ['unknown state', `${LOOM}/state`, json({ ts: now, state: 'sleeping' }), 'schema_violation'],
    ['state as number', `${LOOM}/state`, json({ ts: now, state: 1 }), 'schema_violation'],
    ['reason not a code', `${LOOM}/state`, json({ ts: now, state: 'down', reason: 'Warp Break!' }), 'schema_violation'],
    ['total as string', `${LOOM}/count`, json({ ts: now, total: '100' }), 'schema_violation'],
    ['total above 2^53 (would round)', `${LOOM}/count`, text(`{"ts": ${now}, "total": 9007199254740993}`), 'schema_violation'],
    ['total of 2^53', `${LOOM}/count`, text(`{"ts": ${now}, "total": 9007199254740992}`), 'schema_violation'],
    ['meter total above 2^53', 'mill/v1/acme/p1/dyeing/jet-1/energy', text(`{"ts": ${now}, "total": 1e16}`), 'schema_violation'],
    ['missing total', `${LOOM}/count`, json({ ts: now }), 'schema_violation'],
    ['good above total', `${LOOM}/count`, json({ ts: now, total: 5, good: 6 }), 'schema_violation'],
    ['unknown unit', `${LOOM}/count`, json({ ts: now, total: 5, unit: 'yard' }), 'schema_violation'],
    ['unit differs from registry', `${LOOM}/count`, json({ ts: now, total: 5, unit: 'kg' }), 'schema_violation'],
    ['seq as float', `${LOOM}/count`, json({ ts: now, total: 5, seq: 1.5 }), 'schema_violation'],
    ['negative power', 'mill/v1/acme/p1/dyeing/jet-1/energy', json({ ts: now, total: 5, power: -3 }), 'schema_violation'],
    ['unknown medium', 'mill/v1/acme/p1/dyeing/jet-1/energy', json({ ts: now, total: 5, medium: 'oil' }), 'schema_violation'],
    ['unknown firm', 'mill/v1/other/p1/weaving/loom-1/state', json({ ts: now, state: 'idle' }), 'unknown_device'],
    ['unknown machine', 'mill/v1/acme/p1/weaving/loom-99/state', json({ ts: now, state: 'idle' }), 'unknown_device'],
    ['machine on the wrong line', 'mill/v1/acme/p1/dyeing/loom-1/state', json({ ts: now, state: 'idle' }), 'unknown_device'],
    ['state from a meter', 'mill/v1/acme/p1/utilities/steam-main/state', json({ ts: now, state: 'idle' }), 'channel_not_allowed'],
    ['energy from an unmetered machine', 'mill/v1/acme/p1/sewing/sew-1/energy', json({ ts: now, total: 1 }), 'channel_not_allowed'],
    ['medium the machine does not meter', `${LOOM}/energy`, json({ ts: now, total: 1, medium: 'gas' }), 'medium_mismatch'],
    ['medium differing from a meter', 'mill/v1/acme/p1/utilities/steam-main/energy', json({ ts: now, total: 1, medium: 'water' }), 'medium_mismatch'],
  ]

  it('accepts the edges themselves: ts at the lower bound, total of 2^53 - 1, a payload of exactly the limit', () => {
    expect(check(`${LOOM}/state`, json({ ts: MIN_TS, state: 'idle' })).ok).toBe(true)
    const big = check(`${LOOM}/count`, text(`{"ts": ${now}, "total": 9007199254740991}`))
    expect(big.ok && big.record).toMatchObject({ total: Number.MAX_SAFE_INTEGER })
    const body = JSON.stringify({ ts: now, state: 'idle', pad: '' })
    const atLimit = text(body.replace('"pad":""', `"pad":"${'x'.repeat(limits.maxPayloadBytes - body.length)}"`))
    expect(atLimit.byteLength).toBe(limits.maxPayloadBytes)
    expect(check(`${LOOM}/state`, atLimit).ok).toBe(true)
    const over = check(`${LOOM}/state`, text(` ${new TextDecoder().decode(atLimit)}`))
    expect(!over.ok && over.reason).toBe('payload_too_large')
  })

  it('has a reason code for each of at least 40 kinds of bad input', () => {
    expect(bad.length).toBeGreaterThanOrEqual(40)
  })

  it.each(bad)('rejects %s as %s', (_name, topic, payload, reason) => {
    const result = check(topic, payload)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.reason).toBe(reason)
      expect(result.message.length).toBeGreaterThan(5)
    }
  })

  it('gives any bytes on any topic a valid record or a reason, and never throws', () => {
    const topics = fc.oneof(
      fc.string(),
      fc.constantFrom(`${LOOM}/state`, `${LOOM}/count`, `${LOOM}/energy`, 'mill/v1/acme/p1/utilities/steam-main/energy'),
    )
    const payloads = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.json().map((s) => text(s)),
      fc.record({ ts: fc.oneof(fc.integer(), fc.string(), fc.double()), state: fc.string(), total: fc.double(), good: fc.double(), seq: fc.integer() }, { requiredKeys: [] }).map(json),
    )
    fc.assert(
      fc.property(topics, payloads, (topic, payload) => {
        const result = check(topic, payload)
        if (result.ok) expect(telemetryRecordSchema.safeParse(result.record).success).toBe(true)
        else expect(REJECTION_CODES).toContain(result.reason)
      }),
      { numRuns: 2000 },
    )
  })
})
