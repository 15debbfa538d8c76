import { MEASUREMENTS, type Plant } from '@millstream/contract'
import { DEFAULT_ENERGY_SCORE_CONFIG, energyPerformance, energyScore, findSecBenchmark, secBenchmarkGrades, secBenchmarks, fitLinearBaseline, localWindows, loomEfficiency, quotaGrade, ringFrameEfficiency, specificConsumption, standardCoalKgce, stopsPer1e5Picks, tariffSplit } from '@millstream/metrics'
import { localDays } from '@millstream/store'
import { loadBenchmarks } from '@millstream/seeds'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { plantPoints, type TestPoint } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { startTestApi, twoTenantRegistry, type TestApi } from './api-support.ts'
import { sumOf, toRegistryIds } from './energy-support.ts'

/*
 * Textile efficiency, unit-product energy against quota grades, tariff split, EnPI and data
 * completeness on real InfluxDB, each checked against @millstream/metrics on the same points.
 */
const TZ = 'Asia/Shanghai'
const A = '/v1/firms/test-firm/plants/test-plant'
const B = '/v1/firms/other-firm/plants/other-test-plant'
const DAY = localDays('2025-06-02', '2025-06-02', TZ)
const at = (local: string) => Date.parse(`${local}+08:00`)
const registry = twoTenantRegistry()
const plantA = registry.firms[0]?.plants[0] as Plant
const finishingB = registry.firms[1]?.plants[0]?.lines.find((l) => l.id === 'finishing')
if (finishingB) finishingB.productFamily = 'dyeing_woven'
// Plant A's ring frames make viscose staple: a norm quoted per t, the output counted in kg.
const spinningA = plantA.lines.find((l) => l.id === 'spinning')
if (spinningA) spinningA.productFamily = 'viscose_staple'
/** The scorer's benchmark rows (seeds/benchmarks.json), as both the scorer and the API read them. */
const SCORER_BENCHMARKS = secBenchmarks(loadBenchmarks().rows)

let t: TestApi
let bucket = ''
let a: TestPoint[] = []
let b: TestPoint[] = []
beforeAll(async () => {
  bucket = await createTestBucket('api-energy')
  a = toRegistryIds(plantPoints({ firm: 'test-firm', plant: 'test-plant', timeZone: TZ, fromMs: at('2025-05-28T00:00:00'), minutes: 6 * 1440, seed: 5 }))
  // Plant B: the ring frame's minutes as the stenter of a finishing line whose family has a quota (kgce/100 m).
  b = toRegistryIds(plantPoints({ firm: 'other-firm', plant: 'other-test-plant', timeZone: TZ, fromMs: DAY.startMs, minutes: 1440, seed: 6 }), { 'rf-1': { line: 'finishing', machine: 'st-01', machine_type: 'stenter', unit: 'm' } })
  await writePoints(bucket, [...a, ...b])
  t = await startTestApi({ bucket, registry })
}, 300_000)
afterAll(async () => {
  await t?.stop()
  await deleteTestBucket(bucket)
})

type Rows<V> = { rows: { group: Record<string, string>; from: string; to: string; values: V }[] }
const Q = 'from=2025-06-02&to=2025-06-02'
const inDay = { fromMs: DAY.startMs, toMs: DAY.endMs }
const machine = (line: string) => (p: TestPoint) => p.tags.line === line

describe('efficiency and energy values agree with @millstream/metrics', () => {
  it('gives loom efficiency and stops per 10^5 picks for weaving, spinning efficiency for the ring frame', async () => {
    const body = (await t.get(`${A}/efficiency/textile?${Q}&by=line`, await t.tokenOf('plant_manager'))).body as Rows<{ loom: { efficiency: number; stopsPer1e5Picks: number } | null; spinning: { efficiency: number } | null }>
    const busy = (line: string) => ['apt_s', 'asut_s', 'adet_s', 'adot_s'].reduce((n, field) => n + sumOf(a, { measurement: MEASUREMENTS.machineMinute, field, ...inDay, pick: machine(line) }), 0)
    const weaving = body.rows.find((r) => r.group.line === 'weaving')?.values.loom
    const picks = sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'produced_qty', ...inDay, pick: machine('weaving') })
    expect(weaving?.efficiency).toBeCloseTo(loomEfficiency({ picks, ratedPpm: 750, durationMs: busy('weaving') * 1000 }) as number, 9)
    expect(weaving?.stopsPer1e5Picks).toBeCloseTo(stopsPer1e5Picks(sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'stops', ...inDay, pick: machine('weaving') }), picks) as number, 9)
    const kg = sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'produced_qty', ...inDay, pick: machine('spinning') })
    expect(body.rows.find((r) => r.group.line === 'spinning')?.values.spinning?.efficiency).toBeCloseTo(ringFrameEfficiency(kg, (0.268 * busy('spinning')) / 60) as number, 9)
  })

  it('grades energy per 100 m of a finishing line against its family quota, and says why a line has no grade', async () => {
    const body = (await t.get(`${B}/energy/specific?${Q}`, await t.tokenOf('admin'))).body as Rows<{ sec: { value: number; basis: string } | null; grade: { grade: number | null; shareOfLimit: number } | null; reason: string | null }>
    const kgce = standardCoalKgce({ electricity: sumOf(b, { measurement: MEASUREMENTS.machineMinute, field: 'electricity_kwh', ...inDay, pick: machine('finishing') }) }).total
    const sec = specificConsumption(kgce, sumOf(b, { measurement: MEASUREMENTS.machineMinute, field: 'good_qty', ...inDay, pick: machine('finishing') }), 'm')
    const finishing = body.rows.find((r) => r.group.line === 'finishing')?.values
    expect(finishing?.sec?.basis).toBe('100 m')
    expect(finishing?.sec?.value).toBeCloseTo(sec.value as number, 9)
    const row = findSecBenchmark(SCORER_BENCHMARKS, 'dyeing_woven', 'm')
    expect(row?.source).toMatch(/^dyeing-norms-2017\.woven\.energy/)
    const expected = quotaGrade(sec.value as number, secBenchmarkGrades(row as NonNullable<typeof row>, 0.8))
    expect(finishing?.grade?.grade).toBe(expected.grade)
    expect(finishing?.grade?.shareOfLimit).toBeCloseTo(expected.shareOfLimit, 9)
    expect(body.rows.find((r) => r.group.line === 'weaving')?.values.reason).toBe('the line has no product family in the registry')
  })

  it("grades a per-t product (viscose) as the energy score's evidence does: same row, same basis, same grade", async () => {
    const body = (await t.get(`${A}/energy/specific?${Q}`, await t.tokenOf('energy_officer'))).body as Rows<{ sec: { value: number; basis: string } | null; benchmark: { source: string } | null; grade: { grade: number | null } | null; reason: string | null }>
    const spinning = body.rows.find((r) => r.group.line === 'spinning')?.values
    const energyKgce = standardCoalKgce({ electricity: sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'electricity_kwh', ...inDay, pick: machine('spinning') }) }).total
    const outputQty = sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'good_qty', ...inDay, pick: machine('spinning') })
    // The scorer's E1 on the same energy and output, against the same rows.
    const score = energyScore({ mainMeterCompleteness: 1, subMeteredShare: 1, families: [{ family: 'viscose_staple', energyKgce, outputQty, unit: 'kg' }] }, { ...DEFAULT_ENERGY_SCORE_CONFIG, benchmarks: SCORER_BENCHMARKS })
    const evidence = score.components.find((c) => c.id === 'E1')?.inputs ?? {}
    expect(spinning?.reason).toBeNull()
    expect(spinning?.sec?.basis).toBe('t')
    expect(spinning?.benchmark?.source).toMatch(/^gb36889-2025\.viscose_staple/)
    expect(spinning?.sec?.value).toBeCloseTo(evidence['viscose_staple.secKgce'] as number, 9)
    expect(evidence['viscose_staple.grade']).toBeDefined()
    expect(spinning?.grade?.grade ?? null).toBe(evidence['viscose_staple.grade'])
  })

  it("splits incomer electricity into the tariff's bands with its cost", async () => {
    const body = (await t.get(`${A}/energy/tariff?${Q}`, await t.tokenOf('energy_officer'))).body as Rows<{ kwhByBand: Record<string, number>; totalCost: number }>
    const hours = localWindows(DAY, 'hour', TZ).map((h) => ({ ...h, delta: sumOf(a, { measurement: MEASUREMENTS.meterMinute, field: 'electricity_kwh', fromMs: h.startMs, toMs: h.endMs }) }))
    const expected = tariffSplit(hours, plantA.tariff as NonNullable<Plant['tariff']>, TZ)
    for (const [band, kwh] of Object.entries(expected.kwhByBand)) expect(body.rows[0]?.values.kwhByBand[band], band).toBeCloseTo(kwh, 6)
    expect(body.rows[0]?.values.totalCost).toBeCloseTo(expected.totalCost as number, 6)
  })

  it('compares each day with a baseline fitted on the days before it (EnPI)', async () => {
    const body = (await t.get(`${A}/energy/enpi?from=2025-06-01&to=2025-06-02&baselineFrom=2025-05-28&baselineTo=2025-05-31`, await t.tokenOf('energy_officer'))).body as Rows<{ performance: { expectedEnergy: number; index: number } | null }>
    const dayPoint = (day: string) => {
      const d = localDays(day, day, TZ)
      const w = { fromMs: d.startMs, toMs: d.endMs }
      return { energy: standardCoalKgce({ electricity: sumOf(a, { measurement: MEASUREMENTS.meterMinute, field: 'electricity_kwh', ...w }) }).total, output: sumOf(a, { measurement: MEASUREMENTS.machineMinute, field: 'ideal_produced_s', ...w }) / 3600 }
    }
    const fit = fitLinearBaseline(['2025-05-28', '2025-05-29', '2025-05-30', '2025-05-31'].map(dayPoint))
    if (!fit.ok) throw new Error(`baseline did not fit: ${fit.reason}`)
    expect(body.rows).toHaveLength(2)
    for (const [i, day] of ['2025-06-01', '2025-06-02'].entries()) {
      const expected = energyPerformance(fit.model, dayPoint(day))
      expect(body.rows[i]?.values.performance?.expectedEnergy).toBeCloseTo(expected.expectedEnergy, 6)
      expect(body.rows[i]?.values.performance?.index).toBeCloseTo(expected.index as number, 9)
    }
  })

  it('thins a meter’s minutes to min/max buckets for a chart, keeping the extreme minutes', async () => {
    const body = (await t.get(`${A}/energy/series?${Q}&points=48`, await t.tokenOf('energy_officer'))).body as Rows<{ min: number; max: number }>
    expect(body.rows).toHaveLength(48)
    for (const row of body.rows) {
      expect(row.group.meter).toBe('incomer-electricity')
      expect(Date.parse(row.to) - Date.parse(row.from)).toBe(30 * 60_000)
      const minutes = a.filter((p) => p.measurement === MEASUREMENTS.meterMinute && p.timeMs >= Date.parse(row.from) && p.timeMs < Date.parse(row.to)).map((p) => p.fields.electricity_kwh as number)
      expect([row.values.min, row.values.max]).toEqual([Math.min(...minutes), Math.max(...minutes)])
    }
  })

  it('gives each metered device its completeness against the 90 % rule', async () => {
    const body = (await t.get(`${A}/energy/completeness?${Q}`, await t.tokenOf('energy_officer'))).body as Rows<{ minutesWithData: number; completeness: number | null; meetsRule: boolean }>
    const of = (device: string) => body.rows.find((r) => r.group.device === device)?.values
    expect(of('loom-01')).toMatchObject({ minutesWithData: 1440, completeness: 1, meetsRule: true })
    // The test points carry no intake for the incomer: a meter with no data fails the rule.
    expect(of('incomer-electricity')).toMatchObject({ minutesWithData: 0, completeness: 0, meetsRule: false })
    expect(of('sw-01')).toBeUndefined()
  })
})
