import { indexRegistry, registrySchema, telemetryRecordSchema } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { validateBatch } from './validate-batch.ts'
import { validateMessage } from './validate-message.ts'

const index = indexRegistry(
  registrySchema.parse({
    version: 1,
    firms: [{
      id: 'acme',
      name: 'Acme',
      plants: [{
        id: 'p1',
        name: 'Plant 1',
        lines: [
          { id: 'ring', name: 'Ring', process: 'spinning', machines: [{ id: 'rf-1', name: 'Ring frame', type: 'ring_frame', unit: 'kg', idealRatePerMin: 1, ratedPowerKw: 30 }] },
          { id: 'dyeing', name: 'Dyeing', process: 'dyeing', machines: [{ id: 'jd-1', name: 'Jet dyer', type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 2, ratedPowerKw: 40, gauges: { liquor_temp: { unit: '°C', min: 10, max: 140 } } }] },
        ],
        meters: [{ id: 'incomer', name: 'Incomer', line: 'ring', scope: 'plant', medium: 'electricity' }],
        sensors: [{ id: 'hall-sensor-01', name: 'Ring hall', line: 'ring', gauges: { rh: { unit: '%RH', min: 40, max: 80 }, temp: { unit: '°C', min: 15, max: 40 } } }],
        shiftCalendar: { shifts: [{ id: 'day', name: 'Day', start: '08:00', durationH: 24 }] },
      }],
    }],
  }),
)
const limits = { maxPayloadBytes: 4096, maxFutureSkewMs: 5 * 60_000, minTsMs: Date.parse('2020-01-01T00:00:00Z') }
const now = Date.parse('2026-03-01T08:00:00Z')
const HALL = 'mill/v1/acme/p1/ring/hall-sensor-01/process'
const check = (topic: string, payload: string) => validateMessage({ topic, payload: new TextEncoder().encode(payload), receivedAtMs: now }, index, limits)

describe('validating process (gauge) messages', () => {
  it('turns a hall sensor reading into a process record of the contract', () => {
    const v = check(HALL, JSON.stringify({ ts: now - 1000, values: { rh: 63.5, temp: 27 }, seq: 9, boot: 2 }))
    expect(v).toMatchObject({ ok: true, key: 'acme/p1/ring/hall-sensor-01' })
    const record = v.ok ? v.record : undefined
    expect(record).toEqual({ v: 1, firm: 'acme', plant: 'p1', line: 'ring', device: 'hall-sensor-01', ts: now - 1000, receivedAt: now, seq: 9, boot: '2', channel: 'process', values: { rh: 63.5, temp: 27 } })
    expect(telemetryRecordSchema.safeParse(record).success).toBe(true)
  })

  it('keeps a reading outside the plausible range: that is a data-quality event of the aggregator, not a rejection', () => {
    expect(check(HALL, JSON.stringify({ ts: now, values: { rh: 97 } })).ok).toBe(true)
    expect(check('mill/v1/acme/p1/dyeing/jd-1/process', JSON.stringify({ ts: now, values: { liquor_temp: 180 } })).ok).toBe(true)
  })

  it.each([
    ['a gauge the device does not declare', HALL, '{"ts":0,"values":{"rh":60,"co2":400}}', 'unknown_gauge'],
    ["another device's gauge", 'mill/v1/acme/p1/dyeing/jd-1/process', '{"ts":0,"values":{"rh":60}}', 'unknown_gauge'],
    ['a reading that overflows to Infinity', HALL, '{"ts":1772352000000,"values":{"rh":1e999}}', 'schema_violation'],
    ['a string reading', HALL, '{"ts":1772352000000,"values":{"rh":"61"}}', 'schema_violation'],
    ['no values', HALL, '{"ts":1772352000000}', 'schema_violation'],
    ['process from a machine without gauges', 'mill/v1/acme/p1/ring/rf-1/process', '{"ts":0,"values":{"rh":60}}', 'channel_not_allowed'],
    ['process from a meter', 'mill/v1/acme/p1/ring/incomer/process', '{"ts":0,"values":{"rh":60}}', 'channel_not_allowed'],
    ['state from a hall sensor', 'mill/v1/acme/p1/ring/hall-sensor-01/state', '{"ts":0,"state":"running"}', 'channel_not_allowed'],
  ])('rejects %s', (_name, topic, payload, reason) => {
    expect(check(topic, payload.replace('"ts":0', `"ts":${now}`))).toMatchObject({ ok: false, reason })
  })

  it('gives a process sample of a batch the reasons a v1 message gets, sample by sample', () => {
    const samples = [
      { line: 'ring', machine: 'hall-sensor-01', channel: 'process', ts: now, values: { rh: 55 } },
      { line: 'ring', machine: 'hall-sensor-01', channel: 'process', ts: now + 1000, values: { dew_point: 12 } },
      { line: 'dyeing', machine: 'jd-1', channel: 'process', ts: now, values: { liquor_temp: 98 } },
    ]
    const v = validateBatch({ topic: 'mill/v1/acme/p1/batch', payload: new TextEncoder().encode(JSON.stringify({ samples })), receivedAtMs: now + 2000 }, { firm: 'acme', plant: 'p1' }, index, limits)
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.rejected.map((r) => [r.index, r.reason])).toEqual([[1, 'unknown_gauge']])
    expect(v.devices.get('acme/p1/ring/hall-sensor-01')?.map((r) => r.channel === 'process' && r.values)).toEqual([{ rh: 55 }])
    expect(v.devices.get('acme/p1/dyeing/jd-1')?.length).toBe(1)
  })
})
