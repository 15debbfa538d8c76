import { localDays, type Store } from '@millstream/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { rollUpHours, testStore } from '../support/store.ts'
import { plantPoints } from './plant-points.ts'
import { writePoints } from './store-support.ts'

/*
 * The store's line and plant queries read whole hours from line_hour / plant_hour (issue 13) and
 * must answer exactly what the machine hours give: the same points read with the roll-ups off.
 * One hour is left without a roll-up, so the fallback to machine hours is in every answer too.
 */
const TZ = 'Asia/Shanghai'
const PLANT = { firm: 'test-firm', plant: 'test-plant', timeZone: TZ }
const DAYS = localDays('2025-06-02', '2025-06-03', TZ)
const NOT_ROLLED_UP = Date.parse('2025-06-02T10:00:00+08:00')

let bucket = ''
let rolled: Store
let machines: Store
beforeAll(async () => {
  bucket = await createTestBucket('store-rollup')
  await writePoints(bucket, plantPoints({ ...PLANT, fromMs: Date.parse('2025-06-01T21:00:00+08:00'), minutes: 54 * 60, seed: 23 }))
  await rollUpHours(bucket, { ...PLANT, range: DAYS, skipHours: [NOT_ROLLED_UP] })
  rolled = testStore(bucket)
  machines = testStore(bucket, { lineRollups: false })
}, 300_000)
afterAll(async () => {
  await deleteTestBucket(bucket)
})

/** Every number of two answers, side by side: equal to 9 significant digits (sums in another order). */
function expectSameNumbers(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(a, path).toBeCloseTo(b, 6)
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(Math.abs(b) * 1e-9 + 1e-9)
    return
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort())
    for (const k of Object.keys(a)) expectSameNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
    return
  }
  expect(a, path).toEqual(b)
}

describe('line and plant roll-ups in the store', () => {
  it('gives line and plant OEE, stops, state time and energy from the roll-ups equal to the machine hours', async () => {
    const before = rolled.rollupReads
    const queries = [
      (s: Store) => s.efficiency({ ...PLANT, range: DAYS, by: ['line'] }),
      (s: Store) => s.efficiency({ ...PLANT, range: DAYS }),
      (s: Store) => s.efficiency({ ...PLANT, range: DAYS, line: 'weaving', every: 'day' }),
      (s: Store) => s.stopsByReason({ ...PLANT, range: DAYS, by: ['line'] }),
      (s: Store) => s.stateTime({ ...PLANT, range: DAYS, by: ['line'], every: 'day' }),
      (s: Store) => s.machineEnergy({ ...PLANT, range: DAYS, by: ['line'] }),
      (s: Store) => s.coverage({ ...PLANT, range: DAYS, machines: 3 }),
    ]
    for (const [i, q] of queries.entries()) {
      const [a, b] = await Promise.all([q(rolled), q(machines)])
      expect(a.length, `query ${i}`).toBeGreaterThan(0)
      expectSameNumbers(a, b, `query ${i}`)
    }
    // Each of them read roll-ups (and the hour without one from the machines).
    expect(rolled.rollupReads - before).toBeGreaterThanOrEqual(2 * queries.length)
    expect(machines.rollupReads).toBe(0)
  })

  it('gives per-hour windows from the roll-ups equal to the machine hours', async () => {
    const hours = Array.from({ length: 24 }, (_, i) => ({ startMs: DAYS.startMs + i * 3_600_000, endMs: DAYS.startMs + (i + 1) * 3_600_000 }))
    const q = (s: Store) => s.efficiency({ ...PLANT, range: { startMs: DAYS.startMs, endMs: DAYS.startMs + 24 * 3_600_000 }, windows: hours, windowUnit: 'hour', by: ['line'] })
    const [a, b] = await Promise.all([q(rolled), q(machines)])
    expect(a).toHaveLength(48)
    expectSameNumbers(a, b)
  })

  it('reads machine hours for queries finer than a line', async () => {
    const before = rolled.rollupReads
    const [a, b] = await Promise.all([rolled.efficiency({ ...PLANT, range: DAYS, by: ['machine'] }), machines.efficiency({ ...PLANT, range: DAYS, by: ['machine'] })])
    expect(a).toEqual(b)
    expect(rolled.rollupReads).toBe(before)
  })
})
