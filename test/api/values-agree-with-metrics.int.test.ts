import { MEASUREMENTS } from '@millstream/contract'
import { co2Kg, kpis, standardCoalKgce, sumElements } from '@millstream/metrics'
import { localDays } from '@millstream/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { elementsOf, plantPoints, type TestPoint } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { startTestApi, type TestApi } from './api-support.ts'
import { rollUpHours } from '../support/store.ts'

/*
 * The API's numbers on real InfluxDB, checked against @millstream/metrics on the same minute
 * points: it must neither compute a metric differently nor lose a group on the way to JSON, whether
 * it reads whole hours from machine hours or from the line and plant roll-ups.
 */
const TZ = 'Asia/Shanghai'
const PLANT = { firm: 'test-firm', plant: 'test-plant', timeZone: TZ }
const DAY = localDays('2025-06-02', '2025-06-02', TZ)
const PATH = '/v1/firms/test-firm/plants/test-plant'
const Q = 'from=2025-06-02&to=2025-06-02'

let t: TestApi
let bucket = ''
let points: TestPoint[] = []
beforeAll(async () => {
  bucket = await createTestBucket('api')
  points = plantPoints({ ...PLANT, fromMs: Date.parse('2025-06-01T21:00:00+08:00'), minutes: 30 * 60, seed: 11 })
  await writePoints(bucket, points)
  // Line and plant roll-ups as the aggregator writes them (issue 13), one hour left without: the
  // API's line and plant answers read both routes, and must still agree with the minute points.
  await rollUpHours(bucket, { ...PLANT, range: DAY, skipHours: [Date.parse('2025-06-02T13:00:00+08:00')] })
  t = await startTestApi({ bucket })
}, 180_000)
afterAll(async () => {
  await t?.stop()
  await deleteTestBucket(bucket)
})

const inDay = (measurement: string, pick: (p: TestPoint) => boolean = () => true) =>
  points.filter((p) => p.measurement === measurement && p.timeMs >= DAY.startMs && p.timeMs < DAY.endMs && pick(p)).map((p) => p.fields)
const sum = (list: Record<string, number>[], field: string) => list.reduce((n, f) => n + (f[field] ?? 0), 0)
type Rows<V> = { rows: { group: Record<string, string>; from: string; values: V }[] }

describe('API values agree with @millstream/metrics on the same points', () => {
  it('gives OEE, availability, effectiveness and quality per line for a local day', async () => {
    const res = await t.get(`${PATH}/efficiency?${Q}&by=line`, await t.tokenOf('plant_manager'))
    const body = res.body as Rows<{ kpis: Record<string, number | null> }>
    expect(body.rows.map((r) => r.group.line)).toEqual(['spinning', 'weaving'])
    expect(body.rows[0]?.from).toBe('2025-06-01T16:00:00.000Z')
    for (const row of body.rows) {
      const expected = kpis(sumElements(inDay(MEASUREMENTS.machineMinute, (p) => p.tags.line === row.group.line).map(elementsOf)))
      for (const k of ['oee', 'availability', 'effectiveness', 'quality'] as const) expect(row.values.kpis[k], `${row.group.line} ${k}`).toBeCloseTo(expected[k] as number, 9)
    }
  })

  it('gives stops by reason sorted by down time, energy by medium and data quality per device', async () => {
    const token = await t.tokenOf('energy_officer')
    const stops = (await t.get(`${PATH}/stops?${Q}`, token)).body as Rows<{ count: number; downS: number }>
    const downs = stops.rows.map((r) => r.values.downS)
    expect(downs).toEqual([...downs].sort((a, b) => b - a))
    for (const r of stops.rows) expect(r.values.count).toBe(sum(inDay(MEASUREMENTS.machineStopMinute, (p) => p.tags.reason === r.group.reason), 'count'))
    const energy = (await t.get(`${PATH}/energy/machines?${Q}&by=line`, token)).body as Rows<{ electricity: { total: number; idle: number } }>
    const weaving = energy.rows.find((r) => r.group.line === 'weaving')
    expect(weaving?.values.electricity.total).toBeCloseTo(sum(inDay(MEASUREMENTS.machineMinute, (p) => p.tags.line === 'weaving'), 'electricity_kwh'), 6)
    const totals = (await t.get(`${PATH}/energy/totals?${Q}`, token)).body as Rows<{ electricity: number }> & { unit: Record<string, string> }
    expect(totals.unit.electricity).toBe('kWh')
    expect(totals.rows[0]?.values.electricity).toBeCloseTo(sum(inDay(MEASUREMENTS.meterMinute), 'electricity_kwh'), 6)
    const quality = (await t.get(`${PATH}/data-quality?${Q}`, token)).body as Rows<{ samples: number; duplicates: number; discontinuities: number }>
    for (const r of quality.rows) {
      const mine = inDay(MEASUREMENTS.intakeMinute, (p) => p.tags.device === r.group.device)
      expect(r.values.samples).toBe(sum(mine, 'samples'))
      expect(r.values.duplicates).toBe(sum(mine, 'duplicates'))
      expect(r.values.discontinuities).toBe(sum(mine, 'discontinuities'))
    }
    expect(quality.rows.map((r) => r.group.device).sort()).toEqual(['loom-1', 'loom-2', 'rf-1'])
  })

  it('gives standard coal by equivalent and equal value and CO2 of the incomers as the metrics package does', async () => {
    const res = await t.get(`${PATH}/energy/summary?${Q}`, await t.tokenOf('energy_officer'))
    const row = (res.body as Rows<{ incomers: { electricity: number }; coalEquivalentKgce: number; coalEqualKgce: number; co2Kg: number; incomersMinusSubMeters: { electricity: number } }>).rows[0]
    const kwh = sum(inDay(MEASUREMENTS.meterMinute), 'electricity_kwh')
    expect(row?.values.incomers.electricity).toBeCloseTo(kwh, 6)
    expect(row?.values.coalEquivalentKgce).toBeCloseTo(standardCoalKgce({ electricity: kwh }).total, 6)
    expect(row?.values.coalEqualKgce).toBeCloseTo(standardCoalKgce({ electricity: kwh }, undefined, 'equal').total, 6)
    expect(row?.values.coalEqualKgce).toBeGreaterThan(row?.values.coalEquivalentKgce ?? Infinity)
    expect(row?.values.co2Kg).toBeCloseTo(co2Kg({ electricity: kwh }).total, 6)
    // The test plant has no line sub-meters: everything the incomer measured is unaccounted for.
    expect(row?.values.incomersMinusSubMeters.electricity).toBeCloseTo(kwh, 6)
  })

  it('says which visible plants stopped reporting', async () => {
    // The points end 2025-06-03 03:00 local: a clock inside them sees samples, one a day later sees none.
    const inside = await startTestApi({ bucket, now: () => Date.parse('2025-06-02T12:00:00+08:00') })
    const later = await startTestApi({ bucket, now: () => Date.parse('2025-06-04T12:00:00+08:00') })
    try {
      const a = (await inside.get('/v1/reporting', await inside.tokenOf('plant_manager'))).body as { plant: string; samples: number; silent: boolean }[]
      expect(a).toEqual([{ firm: 'test-firm', plant: 'test-plant', samples: sum(points.filter((p) => p.measurement === MEASUREMENTS.intakeMinute && p.timeMs >= Date.parse('2025-06-02T11:45:00+08:00') && p.timeMs < Date.parse('2025-06-02T12:00:00+08:00')).map((p) => p.fields), 'samples'), silent: false }])
      const b = (await later.get('/v1/reporting', await later.tokenOf('admin'))).body as { plant: string; silent: boolean }[]
      expect(b.map((r) => `${r.plant}:${r.silent}`)).toEqual(['test-plant:true', 'other-test-plant:true'])
    } finally {
      await inside.stop()
      await later.stop()
    }
  })

  it('gives one row per local day with granularity=day', async () => {
    const res = await t.get(`${PATH}/state-time?from=2025-06-01&to=2025-06-02&granularity=day`, await t.tokenOf('admin'))
    const body = res.body as Rows<{ running: number }>
    expect(body.rows.map((r) => r.from)).toEqual(['2025-05-31T16:00:00.000Z', '2025-06-01T16:00:00.000Z'])
    expect(body.rows[1]?.values.running).toBe(sum(inDay(MEASUREMENTS.machineMinute), 'running_s'))
  })
})
