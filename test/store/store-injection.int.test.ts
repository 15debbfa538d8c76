import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sumFlux } from '@millstream/store'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { plantPoints } from './plant-points.ts'
import { testStore } from '../support/store.ts'
import { writePoints } from './store-support.ts'

const TZ = 'Asia/Shanghai'
const FROM = Date.parse('2025-06-02T08:00:00+08:00')
const RANGE = { startMs: FROM, endMs: FROM + 2 * 3_600_000 }
/** Ids that try to end the string literal, escape the escape, add pipeline stages or comment the rest out. */
const HOSTILE = [
  'a"b',
  'back\\slash',
  'x") |> drop(columns: ["_value"]) |> yield(name: "y',
  'p" or r.plant != "',
  '\\" or true or "',
  '${plant}',
]

let bucket = ''
beforeAll(async () => {
  bucket = await createTestBucket('store-inj')
  // The honest plant, and one plant per hostile id, each with its own data.
  for (const [i, plant] of ['honest', ...HOSTILE].entries()) await writePoints(bucket, plantPoints({ firm: 'f', plant, timeZone: TZ, fromMs: FROM, minutes: 120, seed: 100 + i }))
}, 180_000)
afterAll(() => deleteTestBucket(bucket))

describe('the store escapes every value it puts into Flux', () => {
  it('reads exactly the plant a hostile id names, and nothing of the others', async () => {
    const store = testStore(bucket)
    const honest = (await store.stateTime({ firm: 'f', plant: 'honest', timeZone: TZ, range: RANGE }))[0]?.values.running ?? 0
    for (const plant of HOSTILE) {
      const rows = await store.stateTime({ firm: 'f', plant, timeZone: TZ, range: RANGE, by: ['machine'] })
      expect(rows, plant).toHaveLength(3)
      const total = rows.reduce((n, r) => n + r.values.running, 0)
      expect(total, plant).not.toBeCloseTo(honest, 3)
      // 3 machines × 120 minutes: the 60 s of each minute, nothing more, nothing less.
      expect(rows.reduce((n, r) => n + Object.values(r.values).reduce((a, b) => a + b, 0), 0), plant).toBeCloseTo(3 * 120 * 60, 6)
    }
  })

  it('keeps hostile ids apart in the time-grouped, chart and score queries too', async () => {
    const store = testStore(bucket)
    const hours = [{ startMs: FROM, endMs: FROM + 3_600_000 }, { startMs: FROM + 3_600_000, endMs: FROM + 7_200_000 }]
    for (const plant of HOSTILE) {
      const rows = await store.stateTime({ firm: 'f', plant, timeZone: TZ, range: RANGE, windows: hours, windowUnit: 'hour' })
      expect(rows, plant).toHaveLength(2)
      // One plant: 3 machines × 60 minutes × 60 s per hour window.
      for (const r of rows) expect(Object.values(r.values).reduce((a, b) => a + b, 0), plant).toBeCloseTo(3 * 60 * 60, 6)
      const series = await store.meterSeries({ firm: 'f', plant, range: RANGE, medium: 'electricity', bucketMin: 60 })
      expect([...series.keys()], plant).toEqual(['incomer-el'])
      expect(series.get('incomer-el')?.length, plant).toBe(2)
    }
    expect(await store.meterSeries({ firm: 'f', plant: 'honest', meter: 'incomer-el") |> yield(name: "x', range: RANGE, medium: 'electricity', bucketMin: 60 })).toEqual(new Map())
    expect(await store.scoreRecords({ firm: 'f', plant: 'x" or r.plant != "', period: 'day', range: RANGE })).toEqual([])
  })

  it('answers nothing, without an error, for ids no point has (newline, quotes in other tags)', async () => {
    const store = testStore(bucket)
    expect(await store.stateTime({ firm: 'f', plant: 'honest\n|> drop(columns: ["_value"])', timeZone: TZ, range: RANGE })).toEqual([])
    expect(await store.efficiency({ firm: 'f"', plant: 'honest', timeZone: TZ, range: RANGE })).toEqual([])
    // Line protocol cannot store a tag value ending in a backslash; a query for one must still be safe.
    expect(await store.machineEnergy({ firm: 'f', plant: 'honest\\', timeZone: TZ, range: RANGE })).toEqual([])
    expect(await store.stopsByReason({ firm: 'f', plant: 'honest', line: 'weaving" or r.line != "', timeZone: TZ, range: RANGE })).toEqual([])
    expect(await store.intake({ firm: 'f', plant: 'honest', device: 'loom-1") |> yield(name: "x', timeZone: TZ, range: RANGE })).toEqual([])
  })

  it('treats a hostile bucket name as a name', async () => {
    const store = testStore(`${bucket}") |> range(start: 0) |> yield(name: "z`)
    await expect(store.stateTime({ firm: 'f', plant: 'honest', timeZone: TZ, range: RANGE })).rejects.toMatchObject({ code: 'influx_query_failed', retriable: false, message: expect.stringMatching(/could not find bucket/) })
  })

  it('puts values into the query only as literals', () => {
    const text = String(sumFlux({ bucket: 'b', measurement: 'machine_minute', range: RANGE, where: { plant: 'x") |> drop(columns: ["_value"])\n' }, fields: ['running_s'], by: ['line'] }))
    expect(text).toContain('r["plant"] == "x\\") |> drop(columns: [\\"_value\\"])\\n"')
  })
})
