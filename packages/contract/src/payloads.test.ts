import { describe, expect, it } from 'vitest'
import { bootId, countPayloadSchema, energyPayloadSchema, statePayloadSchema, timestampToMs } from './payloads.ts'
import { telemetryRecordSchema } from './records.ts'

describe('payload schemas', () => {
  it('accept the examples of the wire contract', () => {
    expect(statePayloadSchema.safeParse({ ts: '2026-03-01T08:00:00+08:00', state: 'down', reason: 'warp_break', seq: 4 }).success).toBe(true)
    expect(countPayloadSchema.safeParse({ ts: 1772323200000, total: 120345, good: 120000, unit: 'pick' }).success).toBe(true)
    expect(energyPayloadSchema.safeParse({ ts: '2026-03-01T00:00:00Z', total: 88123.5, medium: 'steam', power: 1.2 }).success).toBe(true)
  })

  it.each([
    ['state without ts', statePayloadSchema, { state: 'running' }],
    ['unknown state', statePayloadSchema, { ts: 0, state: 'sleeping' }],
    ['ts without offset', statePayloadSchema, { ts: '2026-03-01T08:00:00', state: 'idle' }],
    ['ts as float', statePayloadSchema, { ts: 1.5, state: 'idle' }],
    ['impossible date', statePayloadSchema, { ts: '2026-02-31T08:00:00Z', state: 'idle' }],
    ['negative total', countPayloadSchema, { ts: 0, total: -1 }],
    ['NaN total', countPayloadSchema, { ts: 0, total: Number.NaN }],
    ['infinite total', energyPayloadSchema, { ts: 0, total: Number.POSITIVE_INFINITY }],
    ['good above total', countPayloadSchema, { ts: 0, total: 5, good: 6 }],
    ['unknown unit', countPayloadSchema, { ts: 0, total: 5, unit: 'yard' }],
    ['unknown medium', energyPayloadSchema, { ts: 0, total: 5, medium: 'oil' }],
    ['string total', energyPayloadSchema, { ts: 0, total: '5' }],
    ['negative seq', energyPayloadSchema, { ts: 0, total: 5, seq: -2 }],
  ])('reject %s', (_name, schema, payload) => {
    expect(schema.safeParse(payload).success).toBe(false)
  })

  it('accept a boot id as a counter or a short string, and refuse one that is neither', () => {
    expect(countPayloadSchema.safeParse({ ts: 0, total: 5, seq: 0, boot: 12 }).success).toBe(true)
    expect(statePayloadSchema.safeParse({ ts: 0, state: 'idle', seq: 0, boot: 'b7f3-2026-03-01T08:00' }).success).toBe(true)
    for (const boot of [-1, 1.5, '', 'has space', 'x'.repeat(65), null]) {
      expect(energyPayloadSchema.safeParse({ ts: 0, total: 5, boot }).success, String(boot)).toBe(false)
    }
    expect(bootId(12)).toBe(bootId('12'))
  })

  it('carry the boot through the Kafka record as a string', () => {
    const base = { v: 1, firm: 'f', plant: 'p', line: 'l', device: 'd', ts: 0, receivedAt: 0, seq: 0, channel: 'state', state: 'idle' }
    expect(telemetryRecordSchema.safeParse({ ...base, boot: '12' }).success).toBe(true)
    expect(telemetryRecordSchema.safeParse({ ...base, boot: 12 }).success).toBe(false)
  })

  it('converts both timestamp forms to the same epoch milliseconds', () => {
    expect(timestampToMs('2026-03-01T08:00:00+08:00')).toBe(timestampToMs('2026-03-01T00:00:00Z'))
    expect(timestampToMs(1772323200000)).toBe(Date.parse('2026-03-01T00:00:00Z'))
  })
})
