import { BATCH_MAX_BYTES, BATCH_MAX_SAMPLES, indexRegistry, registrySchema } from '@millstream/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateBatch } from './validate-batch.ts'
import { validateMessage } from './validate-message.ts'

const index = indexRegistry(
  registrySchema.parse({
    version: 1,
    firms: [{
      id: 'acme', name: 'Acme',
      plants: [{
        id: 'p1', name: 'Plant 1',
        lines: [
          { id: 'weaving', name: 'Weaving', process: 'weaving', machines: [{ id: 'loom-1', name: 'Loom 1', type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 4 }, { id: 'loom-2', name: 'Loom 2', type: 'loom', unit: 'pick', idealRatePerMin: 600, ratedPowerKw: 4 }] },
          { id: 'sewing', name: 'Sewing', process: 'garment', machines: [{ id: 'sew-1', name: 'Sew 1', type: 'sewing_station', unit: 'piece', idealRatePerMin: 1, ratedPowerKw: 0.5, meters: [] }] },
        ],
        shiftCalendar: { shifts: [{ id: 'day', name: 'Day', start: '08:00', durationH: 12 }] },
      }],
    }],
  }),
)
const limits = { maxPayloadBytes: 4096, maxFutureSkewMs: 5 * 60_000, minTsMs: Date.parse('2020-01-01T00:00:00Z') }
const now = Date.parse('2026-03-01T08:00:00Z')
const TOPIC = 'mill/v1/acme/p1/batch'
const P1 = { firm: 'acme', plant: 'p1' }
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))
const check = (value: unknown) => validateBatch({ topic: TOPIC, payload: bytes(value), receivedAtMs: now }, P1, index, limits)
const count = (machine: string, seq: number, extra: object = {}) => ({ line: 'weaving', machine, channel: 'count', ts: now - 1000 + seq, total: seq * 10, seq, ...extra })

describe('validateBatch', () => {
  it('groups good samples by device in batch order and rejects bad ones with their index and reason', () => {
    const result = check({ samples: [count('loom-1', 1), count('loom-2', 1), { ...count('loom-1', 2), total: -1 }, count('loom-9', 1), count('loom-1', 3), { ...count('sew-1', 1), line: 'sewing', channel: 'energy' }] })
    if (!result.ok) throw new Error(result.message)
    expect([...result.devices.keys()]).toEqual(['acme/p1/weaving/loom-1', 'acme/p1/weaving/loom-2'])
    expect(result.devices.get('acme/p1/weaving/loom-1')?.map((r) => r.seq)).toEqual([1, 3])
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([[2, 'negative_cumulative'], [3, 'unknown_device'], [5, 'channel_not_allowed']])
  })

  it('gives a sample the same reason a v1 message with the same content gets', () => {
    const bodies = [{ ts: 'yesterday', total: 1 }, { ts: now + 3_600_000, total: 1 }, { ts: now, total: 1, good: 2 }, { ts: now, total: 1, unit: 'kg' }, { ts: 1000, total: 1 }]
    for (const body of bodies) {
      const v1 = validateMessage({ topic: 'mill/v1/acme/p1/weaving/loom-1/count', payload: bytes(body), receivedAtMs: now }, index, limits)
      const batch = check({ samples: [{ line: 'weaving', machine: 'loom-1', channel: 'count', ...body }] })
      if (!batch.ok || v1.ok) throw new Error('expected a rejected sample')
      expect(batch.rejected[0]?.reason, JSON.stringify(body)).toBe(v1.reason)
    }
  })

  it('rejects a sample with a number JSON cannot hold (1e999) as non_finite_number', () => {
    const result = check(`{"samples":[{"line":"weaving","machine":"loom-1","channel":"count","ts":${now},"total":1e999}]}`)
    expect(result.ok && result.rejected[0]?.reason).toBe('non_finite_number')
  })

  it('refuses a sample that names another firm or plant than its topic, and keeps the others', () => {
    const result = check({ samples: [count('loom-1', 1, { plant: 'p2' }), count('loom-1', 2, { firm: 'other' }), count('loom-1', 3, { firm: 'acme', plant: 'p1' })] })
    if (!result.ok) throw new Error(result.message)
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1])
    expect(result.rejected[0]?.message).toContain('one plant')
    expect(result.devices.get('acme/p1/weaving/loom-1')).toHaveLength(1)
  })

  it('rejects samples without a valid line, machine or channel', () => {
    const result = check({ samples: [{ machine: 'loom-1', channel: 'count', ts: now, total: 1 }, count('Loom-1', 1), count('loom-1', 1, { channel: 'humidity' }), 7, null, [1]] })
    if (!result.ok) throw new Error(result.message)
    expect(result.rejected.map((r) => r.reason)).toEqual(['schema_violation', 'schema_violation', 'unknown_channel', 'not_an_object', 'not_an_object', 'not_an_object'])
  })

  it('names the line before the machine, whether or not the device was seen earlier in the batch', () => {
    const samples = [
      { line: 'Weaving', machine: 7, channel: 'count', ts: now, total: 1 },
      { line: 'weaving', machine: 7, channel: 'count', ts: now, total: 1 },
      count('loom-1', 1),
      { ...count('loom-1', 2), line: 'Weaving' },
      { ...count('loom-1', 3), machine: 'Loom-1' },
      count('loom-1', 4),
    ]
    const result = check({ samples })
    if (!result.ok) throw new Error(result.message)
    expect(result.rejected.map((r) => [r.index, r.message.split(':')[0]])).toEqual([[0, 'line'], [1, 'machine'], [3, 'line'], [4, 'machine']])
    expect(result.devices.get('acme/p1/weaving/loom-1')?.map((r) => r.seq)).toEqual([1, 4])
  })

  it.each([
    ['an empty payload', '', 'empty_payload'],
    ['bytes that are not JSON', '{"samples": [', 'malformed_json'],
    ['a JSON array', '[]', 'not_an_object'],
    ['no samples field', { readings: [] }, 'schema_violation'],
    ['samples that are not an array', { samples: { a: 1 } }, 'schema_violation'],
    ['an empty samples array', { samples: [] }, 'schema_violation'],
  ])('refuses %s whole', (_what, value, reason) => {
    const result = check(value)
    expect(result.ok ? 'accepted' : result.reason).toBe(reason)
  })

  it(`takes ${BATCH_MAX_SAMPLES} samples and refuses ${BATCH_MAX_SAMPLES + 1} whole`, () => {
    const of = (n: number) => ({ samples: Array.from({ length: n }, (_, i) => count('loom-1', i)) })
    const at = check(of(BATCH_MAX_SAMPLES))
    expect(at.ok && at.devices.get('acme/p1/weaving/loom-1')?.length).toBe(BATCH_MAX_SAMPLES)
    const over = check(of(BATCH_MAX_SAMPLES + 1))
    expect(over.ok ? 'accepted' : over.reason).toBe('payload_too_large')
  })

  it(`takes ${BATCH_MAX_BYTES} bytes and refuses one byte more whole`, () => {
    const base = JSON.stringify({ samples: [count('loom-1', 1)], pad: '' })
    const padded = (n: number) => base.replace('"pad":""', `"pad":"${'x'.repeat(n - base.length)}"`)
    expect(check(padded(BATCH_MAX_BYTES)).ok).toBe(true)
    const over = check(padded(BATCH_MAX_BYTES + 1))
    expect(over.ok ? 'accepted' : over.reason).toBe('payload_too_large')
  })

  it('survives deeply nested values inside a sample', () => {
    const deep = `{"samples":[${JSON.stringify(count('loom-1', 1)).replace('}', `,"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`)}]}`
    const result = check(deep)
    expect(result.ok && result.devices.size).toBe(1)
  })

  it('never throws and accounts for every sample, whatever the samples are', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ line: fc.constantFrom('weaving', 'x'), machine: fc.constantFrom('loom-1', 'loom-2'), channel: fc.constantFrom('count', 'state'), ts: fc.integer({ min: 0, max: now }), total: fc.integer(), state: fc.string() })), { minLength: 1, maxLength: 30 }), (samples) => {
        const result = check({ samples })
        if (!result.ok) return
        const good = [...result.devices.values()].reduce((n, list) => n + list.length, 0)
        expect(good + result.rejected.length).toBe(samples.length)
      }),
    )
  })
})
