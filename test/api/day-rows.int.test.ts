import { MEASUREMENTS } from '@millstream/contract'
import { localDays } from '@millstream/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { testStore } from '../support/store.ts'
import { hourRollups, plantPoints, type TestPoint } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { startTestApi, type TestApi } from './api-support.ts'

/*
 * Day-by-day answers (issue 14: the energy view's month): every day window with its hour-rollup
 * and minute parts goes to InfluxDB as one request, and each day row is exactly what the same day
 * asked alone gives. "Now" is inside the last day, so its recent hours are read from minutes.
 */
const TZ = 'Asia/Shanghai'
const PLANT = { firm: 'test-firm', plant: 'test-plant', timeZone: TZ }
const PATH = '/v1/firms/test-firm/plants/test-plant'
const DAYS = ['2025-05-31', '2025-06-01', '2025-06-02', '2025-06-03']
const NOW = Date.parse('2025-06-03T13:20:00+08:00')

/** A line sub-meter beside the plant incomer of plantPoints, so incomers − sub-meters is not the incomer itself. */
function lineMeter(fromMs: number, minutes: number): TestPoint[] {
  const minutePoints = Array.from({ length: minutes }, (_, i) => ({
    measurement: MEASUREMENTS.meterMinute, tags: { firm: PLANT.firm, plant: PLANT.plant, line: 'weaving', meter: 'weaving-el', scope: 'line', medium: 'electricity' },
    fields: { electricity_kwh: 1 + (i % 7) * 0.125 }, timeMs: fromMs + i * 60_000,
  }))
  return [...minutePoints, ...hourRollups(minutePoints, TZ)]
}

let bucket = ''
let t: TestApi
beforeAll(async () => {
  bucket = await createTestBucket('day-rows')
  const fromMs = Date.parse('2025-05-31T00:00:00+08:00')
  const minutes = DAYS.length * 1440
  await writePoints(bucket, [...plantPoints({ firm: PLANT.firm, plant: PLANT.plant, timeZone: TZ, fromMs, minutes, seed: 14 }), ...lineMeter(fromMs, minutes)])
  // No settled cache: every call below reads InfluxDB.
  t = await startTestApi({ bucket, now: () => NOW, env: { API_CACHE_ROWS: '0' } })
}, 240_000)
afterAll(async () => {
  await t?.stop()
  await deleteTestBucket(bucket)
})

type Answer = { rows: { group: Record<string, string>; from: string; to: string; values: Record<string, unknown> }[] }

describe('day-by-day answers', () => {
  it.each([
    ['energy/summary', ''],
    ['efficiency', '&by=line'],
    ['state-time', '&by=line'],
  ])('%s%s by day: each row equals the same day asked alone', async (route, extra) => {
    const token = await t.tokenOf('energy_officer')
    const byDay = (await t.get(`${PATH}/${route}?from=${DAYS[0]}&to=${DAYS.at(-1)}&granularity=day${extra}`, token)).body as Answer
    expect(byDay.rows.length).toBeGreaterThanOrEqual(DAYS.length)
    for (const day of DAYS) {
      const alone = (await t.get(`${PATH}/${route}?from=${day}&to=${day}${extra}`, token)).body as Answer
      const start = new Date(localDays(day, day, TZ).startMs).toISOString()
      expect(alone.rows.length, day).toBeGreaterThan(0)
      expect(byDay.rows.filter((r) => r.from === start), day).toEqual(alone.rows)
    }
    if (route === 'energy/summary') {
      const v = byDay.rows[1]?.values as { incomers: { electricity: number }; subMeters: { electricity: number }; incomersMinusSubMeters: { electricity: number } }
      expect(v.subMeters.electricity).toBeGreaterThan(0)
      expect(v.incomersMinusSubMeters.electricity).toBeCloseTo(v.incomers.electricity - v.subMeters.electricity, 9)
    }
  })

  it('sends all the days of a range, hours and recent minutes alike, to InfluxDB as one request', async () => {
    const store = testStore(bucket, { now: () => NOW })
    const range = localDays(DAYS[0] as string, DAYS.at(-1) as string, TZ)
    const before = store.sumRequests
    const rows = await store.meterEnergy({ ...PLANT, range, every: 'day', by: ['scope'] })
    expect(store.sumRequests - before).toBe(1)
    expect(new Set(rows.map((r) => r.window.startMs)).size).toBe(DAYS.length)
    // The same sums as one request per day.
    for (const row of rows) {
      const alone = await store.meterEnergy({ ...PLANT, range: row.window, by: ['scope'] })
      expect(alone.find((r) => r.group.scope === row.group.scope)?.values).toEqual(row.values)
    }
  })
})
