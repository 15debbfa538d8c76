import { MEASUREMENTS } from '@millstream/contract'
import { kpis, sumElements } from '@millstream/metrics'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { elementsOf, plantPoints, type TestPoint } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { startTestApi, type TestApi } from './api-support.ts'

/*
 * Rows per local minute, hour, shift, day and month of the plant, each checked against
 * @millstream/metrics on the minute points inside that window; and the limits that keep a request
 * from taking InfluxDB down, refused with 400 {code, message}.
 */
const TZ = 'Asia/Shanghai'
const PATH = '/v1/firms/test-firm/plants/test-plant'
const at = (local: string) => Date.parse(`${local}+08:00`)

let t: TestApi
let small: TestApi
let bucket = ''
let points: TestPoint[] = []
beforeAll(async () => {
  bucket = await createTestBucket('api-granularity')
  points = plantPoints({ firm: 'test-firm', plant: 'test-plant', timeZone: TZ, fromMs: at('2025-06-01T21:00:00'), minutes: 30 * 60, seed: 23 })
  await writePoints(bucket, points)
  t = await startTestApi({ bucket })
  small = await startTestApi({ bucket, env: { API_MAX_POINTS: '100', API_MAX_WINDOWS: '200' } })
}, 180_000)
afterAll(async () => {
  await t?.stop()
  await small?.stop()
  await deleteTestBucket(bucket)
})

type Row<V> = { group: Record<string, string>; from: string; to: string; values: V }
const minutesIn = (from: string, to: string, pick: (p: TestPoint) => boolean = () => true) =>
  points.filter((p) => p.measurement === MEASUREMENTS.machineMinute && p.timeMs >= Date.parse(from) && p.timeMs < Date.parse(to) && pick(p)).map((p) => p.fields)
const expectKpisOf = (row: Row<{ kpis: Record<string, number | null> }>, pick?: (p: TestPoint) => boolean) => {
  const expected = kpis(sumElements(minutesIn(row.from, row.to, pick).map(elementsOf)))
  for (const k of ['oee', 'availability', 'effectiveness', 'quality'] as const) expect(row.values.kpis[k], `${row.from} ${k}`).toBeCloseTo(expected[k] as number, 9)
}

describe('granularity in the plant time zone', () => {
  it('gives 24 local hours per line, each equal to the metrics of its minutes, and auto picks hours for a day', async () => {
    const token = await t.tokenOf('plant_manager')
    const rows = ((await t.get(`${PATH}/efficiency?from=2025-06-02&to=2025-06-02&by=line&granularity=hour`, token)).body as { rows: Row<{ kpis: Record<string, number | null> }>[] }).rows
    expect(rows).toHaveLength(48)
    expect(rows[0]?.from).toBe('2025-06-01T16:00:00.000Z')
    for (const row of rows.filter((_, i) => i % 7 === 0)) expectKpisOf(row, (p) => p.tags.line === row.group.line)
    const auto = ((await t.get(`${PATH}/efficiency?from=2025-06-02&to=2025-06-02&granularity=auto`, token)).body as { rows: Row<unknown>[] }).rows
    expect(auto.map((r) => r.from)).toEqual(Array.from({ length: 24 }, (_, h) => new Date(at('2025-06-02T00:00:00') + h * 3_600_000).toISOString()))
  })

  it("cuts the plant's shifts (night shift from 00:00), labelled, with MTBF and MTTR per shift", async () => {
    const rows = ((await t.get(`${PATH}/efficiency?from=2025-06-02&to=2025-06-02&granularity=shift`, await t.tokenOf('plant_manager'))).body as { rows: Row<{ kpis: Record<string, number | null>; elements: { stops: Record<string, { count: number }> } }>[] }).rows
    expect(rows.map((r) => [r.group.shift, r.group.date, r.from])).toEqual([
      ['c', '2025-06-02', new Date(at('2025-06-02T00:00:00')).toISOString()],
      ['a', '2025-06-02', new Date(at('2025-06-02T08:00:00')).toISOString()],
      ['b', '2025-06-02', new Date(at('2025-06-02T16:00:00')).toISOString()],
    ])
    for (const row of rows) {
      expectKpisOf(row)
      const inShift = minutesIn(row.from, row.to)
      const runS = inShift.reduce((n, f) => n + (f.apt_s ?? 0), 0)
      const stops = points.filter((p) => p.measurement === MEASUREMENTS.machineStopMinute && p.timeMs >= Date.parse(row.from) && p.timeMs < Date.parse(row.to)).reduce((n, p) => n + (p.fields.count ?? 0), 0)
      expect(row.values.kpis.stopCount).toBe(stops)
      expect(row.values.kpis.mtbfMs).toBeCloseTo((runS * 1000) / stops, 6)
    }
  })

  it('gives local minutes of one line, and a month row equal to every point of the month', async () => {
    const token = await t.tokenOf('plant_manager')
    const res = await t.get(`${PATH}/state-time?from=2025-06-02&to=2025-06-02&line=weaving&granularity=minute`, token)
    // fetch offers br, gzip and deflate: a table this long comes compressed.
    expect(res.headers.get('content-encoding')).toMatch(/^(br|gzip|deflate)$/)
    const minutes = (res.body as { rows: Row<{ running: number }>[] }).rows
    expect(minutes).toHaveLength(1440)
    for (const row of minutes.filter((_, i) => i % 97 === 0)) expect(row.values.running).toBeCloseTo(minutesIn(row.from, row.to, (p) => p.tags.line === 'weaving').reduce((n, f) => n + (f.running_s ?? 0), 0), 9)
    const month = ((await t.get(`${PATH}/efficiency?from=2025-06-01&to=2025-06-30&granularity=month`, token)).body as { rows: Row<{ kpis: Record<string, number | null> }>[] }).rows
    expect(month.map((r) => [r.from, r.to])).toEqual([[new Date(at('2025-06-01T00:00:00')).toISOString(), new Date(at('2025-07-01T00:00:00')).toISOString()]])
    expectKpisOf(month[0] as Row<{ kpis: Record<string, number | null> }>)
  })
})

describe('limits', () => {
  it('refuses minutes over two days, hours over a quarter and more than the range limit with 400 limit_exceeded', async () => {
    const token = await t.tokenOf('admin')
    for (const query of ['from=2025-06-01&to=2025-06-02&granularity=minute', 'from=2025-03-01&to=2025-05-31&granularity=hour', 'from=2024-01-01&to=2025-06-30']) {
      const res = await t.get(`${PATH}/efficiency?${query}`, token)
      expect(res.status, query).toBe(400)
      expect((res.body as { code: string }).code).toBe('limit_exceeded')
      expect((res.body as { message: string }).message).toMatch(/^query: /)
    }
  })

  it('refuses windows × groups over the row limit, and serves the same request within it', async () => {
    const token = await small.tokenOf('admin')
    const over = await small.get(`${PATH}/efficiency?from=2025-06-02&to=2025-06-02&granularity=hour&by=machine`, token)
    expect(over.status).toBe(400)
    expect(over.body).toEqual({ code: 'limit_exceeded', message: 'query: 24 windows × 7 groups is more than 100 rows; narrow the range, the granularity or the grouping' })
    expect((await small.get(`${PATH}/efficiency?from=2025-06-02&to=2025-06-02&granularity=hour&by=machine&line=weaving`, token)).status).toBe(200)
  })
})
