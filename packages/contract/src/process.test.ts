import { describe, expect, it } from 'vitest'
import { batchMessageSchema } from './batch.ts'
import { processPayloadSchema } from './payloads.ts'
import { inPlausibleRange, PROCESS_MAX_GAUGES, processEventKey, undeclaredGauges } from './process.ts'
import { telemetryRecordSchema } from './records.ts'
import { deviceGauges, indexRegistry, registrySchema } from './registry.ts'
import { parseTopic } from './topic.ts'

const HALL_GAUGES = { rh: { unit: '%RH', min: 40, max: 80, label: 'Relative humidity' }, temp: { unit: '°C', min: 15, max: 40 } }
const plant = {
  id: 'p1',
  name: 'Plant 1',
  lines: [
    { id: 'ring', name: 'Ring', process: 'spinning', machines: [{ id: 'rf-1', name: 'Ring frame 1', type: 'ring_frame', unit: 'kg', idealRatePerMin: 1, ratedPowerKw: 30 }] },
    { id: 'dyeing', name: 'Dyeing', process: 'dyeing', machines: [{ id: 'jd-1', name: 'Jet dyer', type: 'jet_dyeing', unit: 'kg', idealRatePerMin: 2, ratedPowerKw: 40, gauges: { liquor_temp: { unit: '°C', min: 10, max: 140 } } }] },
  ],
  sensors: [{ id: 'hall-sensor-01', name: 'Ring hall climate', line: 'ring', gauges: HALL_GAUGES }],
  shiftCalendar: { shifts: [{ id: 'a', name: 'A', start: '08:00', durationH: 24 }] },
}
const registry = (p: object) => registrySchema.safeParse({ version: 1, firms: [{ id: 'f1', name: 'Firm', plants: [p] }] })

describe('process payload', () => {
  it('accepts gauge readings by name, with seq and boot', () => {
    expect(processPayloadSchema.safeParse({ ts: '2026-03-01T08:00:00+08:00', values: { rh: 61.5, temp: 27.25 }, seq: 3, boot: 1 }).success).toBe(true)
  })

  it.each([
    ['no values', { ts: 0 }],
    ['empty values', { ts: 0, values: {} }],
    ['a string reading', { ts: 0, values: { rh: '61' } }],
    ['a NaN reading', { ts: 0, values: { rh: Number.NaN } }],
    ['an infinite reading', { ts: 0, values: { rh: Number.POSITIVE_INFINITY } }],
    ['a reading beyond 1e12', { ts: 0, values: { rh: 2e12 } }],
    ['a bad gauge name', { ts: 0, values: { 'Rel Hum': 61 } }],
    ['too many gauges', { ts: 0, values: Object.fromEntries(Array.from({ length: PROCESS_MAX_GAUGES + 1 }, (_, i) => [`g${i}`, i])) }],
  ])('refuses %s', (_name, payload) => {
    expect(processPayloadSchema.safeParse(payload).success).toBe(false)
  })

  it('travels on a v1 topic, in a batch sample and as a Kafka record', () => {
    expect(parseTopic('mill/v1/f1/p1/ring/hall-sensor-01/process')).toMatchObject({ ok: true, channel: 'process' })
    expect(batchMessageSchema.safeParse({ samples: [{ line: 'ring', machine: 'hall-sensor-01', channel: 'process', ts: 0, values: { rh: 60 } }] }).success).toBe(true)
    const record = { v: 1, firm: 'f1', plant: 'p1', line: 'ring', device: 'hall-sensor-01', ts: 0, receivedAt: 0, channel: 'process', values: { rh: 60 } }
    expect(telemetryRecordSchema.safeParse(record).success).toBe(true)
    expect(telemetryRecordSchema.safeParse({ ...record, values: { rh: 'x' } }).success).toBe(false)
  })
})

describe('gauges in the registry', () => {
  it('gives a hall sensor the process channel only, and a machine with gauges process beside its others', () => {
    const parsed = registry(plant)
    expect(parsed.success).toBe(true)
    const index = indexRegistry(parsed.data as NonNullable<typeof parsed.data>)
    const hall = index.device({ firm: 'f1', plant: 'p1', line: 'ring', device: 'hall-sensor-01' })
    expect(hall?.kind).toBe('sensor')
    expect(hall?.channels).toEqual(['process'])
    expect(deviceGauges(hall as NonNullable<typeof hall>)).toEqual(HALL_GAUGES)
    const dyer = index.device({ firm: 'f1', plant: 'p1', line: 'dyeing', device: 'jd-1' })
    expect(dyer?.channels).toEqual(['state', 'count', 'energy', 'process'])
    expect(index.device({ firm: 'f1', plant: 'p1', line: 'ring', device: 'rf-1' })?.channels).not.toContain('process')
  })

  it('refuses a range whose max is not above its min, a sensor without gauges or on an unknown line, and a sensor id a machine has', () => {
    const bad = {
      ...plant,
      sensors: [
        { id: 's1', name: 'S1', line: 'ring', gauges: { rh: { unit: '%RH', min: 80, max: 40 } } },
        { id: 's2', name: 'S2', line: 'ring', gauges: {} },
        { id: 's3', name: 'S3', line: 'nowhere', gauges: HALL_GAUGES },
      ],
    }
    const messages = registry(bad).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('\n') ?? ''
    expect(messages).toMatch(/min must be below max/)
    expect(messages).toMatch(/at least one gauge/)
    expect(registry({ ...plant, sensors: [{ id: 's3', name: 'S3', line: 'nowhere', gauges: HALL_GAUGES }] }).error?.issues[0]?.message).toMatch(/sensor s3 names unknown line nowhere/)
    expect(registry({ ...plant, sensors: [{ id: 'rf-1', name: 'Dup', line: 'ring', gauges: HALL_GAUGES }] }).error?.issues[0]?.message).toMatch(/listed twice/)
  })

  it('names the gauges a device does not declare, and tells a plausible reading from one that is not', () => {
    expect(undeclaredGauges(HALL_GAUGES, { rh: 50, co2: 400, temp: 20 })).toEqual(['co2'])
    expect(undeclaredGauges(HALL_GAUGES, { toString: 1 })).toEqual(['toString'])
    expect([39.99, 40, 80, 80.01].map((v) => inPlausibleRange(HALL_GAUGES.rh, v))).toEqual([false, true, true, false])
    expect(processEventKey({ firm: 'f', plant: 'p', line: 'l', device: 'd', gauge: 'rh', ts: 5 })).toBe('f/p/l/d/process.rh@5')
  })
})
