import { MEASUREMENTS } from '@millstream/contract'
import { kpis, localDateLabel, localWindows, sumElements, type Interval } from '@millstream/metrics'
import type { StoreRow } from '@millstream/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { elementsOf, plantPoints, type TestPoint } from './plant-points.ts'
import { testStore } from '../support/store.ts'
import { writePoints } from './store-support.ts'

const TZ = 'Asia/Shanghai'
const PLANT = { firm: 'store-firm', plant: 'store-plant', timeZone: TZ }
const at = (iso: string) => Date.parse(iso)
// Ragged ends on both sides, across two local midnights.
const RANGE = { startMs: at('2025-06-01T22:17:00+08:00'), endMs: at('2025-06-03T03:43:00+08:00') }
const DAYS = localWindows(RANGE, 'day', TZ)

let bucket = ''
let points: TestPoint[] = []
beforeAll(async () => {
  bucket = await createTestBucket('store')
  points = plantPoints({ ...PLANT, fromMs: at('2025-06-01T21:00:00+08:00'), minutes: 32 * 60, seed: 7 })
  await writePoints(bucket, points)
}, 180_000)
afterAll(() => deleteTestBucket(bucket))

/** The test's own minute points of a measurement inside a window, grouped by a tag. */
function minutesBy(measurement: string, window: Interval, tag: string): Map<string, Record<string, number>[]> {
  const groups = new Map<string, Record<string, number>[]>()
  for (const p of points) {
    if (p.measurement !== measurement || p.timeMs < window.startMs || p.timeMs >= window.endMs) continue
    groups.set(p.tags[tag] ?? '', [...(groups.get(p.tags[tag] ?? '') ?? []), p.fields])
  }
  return groups
}
const sum = (list: readonly Record<string, number>[], field: string) => list.reduce((n, f) => n + (f[field] ?? 0), 0)
const rowFor = <T>(rows: StoreRow<T>[], tag: string, value: string, window: Interval) => rows.find((r) => r.group[tag] === value && r.window.startMs === window.startMs)

describe('the store on real InfluxDB agrees with @millstream/metrics on the same points', () => {
  it('sums ISO 22400 elements per line and local day, then divides as kpis() does', async () => {
    const rows = await testStore(bucket).efficiency({ ...PLANT, range: RANGE, by: ['line'], every: 'day' })
    expect(rows.map((r) => `${r.group.line} ${localDateLabel(r.window.startMs, TZ)}`)).toEqual(
      ['2025-06-01', '2025-06-02', '2025-06-03'].flatMap((d) => [`spinning ${d}`, `weaving ${d}`]).sort((a, b) => (a.slice(-10) + a < b.slice(-10) + b ? -1 : 1)),
    )
    for (const day of DAYS) {
      for (const [line, minutes] of minutesBy(MEASUREMENTS.machineMinute, day, 'line')) {
        const expected = kpis(sumElements(minutes.map(elementsOf)))
        const got = rowFor(rows, 'line', line, day)?.values.kpis
        expect(got?.pbtMs).toBeCloseTo(expected.pbtMs, 3)
        for (const k of ['oee', 'availability', 'effectiveness', 'quality', 'dataCoverage'] as const) expect(got?.[k], `${line} ${k}`).toBeCloseTo(expected[k] as number, 9)
        const stops = [...minutesBy(MEASUREMENTS.machineStopMinute, day, 'line').get(line) ?? []]
        expect(got?.stopCount).toBe(sum(stops, 'count'))
      }
    }
  })

  it('gives the same answer from hour rollups and minutes, and reads minutes for hours not yet final', async () => {
    const q = { ...PLANT, range: RANGE, by: ['machine'] as const }
    const viaHours = await testStore(bucket).stateTime(q)
    const viaMinutes = await testStore(bucket, { hourLagMs: Number.POSITIVE_INFINITY }).stateTime(q)
    expect(viaHours).toHaveLength(3)
    for (const [i, row] of viaHours.entries()) for (const [state, s] of Object.entries(row.values)) expect(viaMinutes[i]?.values[state as 'running']).toBeCloseTo(s, 6)
    // Corrupt one hour rollup inside the range: read with a clock just after it, that hour comes from minutes.
    const hourMs = at('2025-06-02T10:00:00+08:00')
    const corrupt = points.find((p) => p.measurement === MEASUREMENTS.machineHour && p.timeMs === hourMs && p.tags.machine === 'loom-1') as TestPoint
    await writePoints(bucket, [{ ...corrupt, fields: { ...corrupt.fields, running_s: 1e6 } }])
    const recent = await testStore(bucket, { now: () => hourMs + 3_600_000 + 60_000 }).stateTime({ ...q, machine: 'loom-1' })
    expect(recent[0]?.values.running).toBeCloseTo(viaMinutes.find((r) => r.group.machine === 'loom-1')?.values.running as number, 6)
    await writePoints(bucket, [corrupt])
  })

  it('reports stops by reason, energy by medium for machines and meters, intake and coverage', async () => {
    const store = testStore(bucket)
    const stops = await store.stopsByReason({ ...PLANT, range: RANGE })
    const stopMinutes = minutesBy(MEASUREMENTS.machineStopMinute, RANGE, 'reason')
    expect(stops.map((r) => r.group.reason)).toEqual([...stopMinutes.keys()].sort())
    for (const r of stops) {
      expect(r.values.count).toBe(sum(stopMinutes.get(r.group.reason ?? '') ?? [], 'count'))
      expect(r.values.downS).toBeCloseTo(sum(stopMinutes.get(r.group.reason ?? '') ?? [], 'down_s'), 6)
    }
    const energy = await store.machineEnergy({ ...PLANT, range: RANGE, by: ['line'] })
    const weaving = minutesBy(MEASUREMENTS.machineMinute, RANGE, 'line').get('weaving') ?? []
    expect(energy.find((r) => r.group.line === 'weaving')?.values.electricity?.total).toBeCloseTo(sum(weaving, 'electricity_kwh'), 6)
    expect(energy.find((r) => r.group.line === 'weaving')?.values.electricity?.idle).toBeCloseTo(sum(weaving, 'electricity_idle_kwh'), 6)
    const meters = await store.meterEnergy({ ...PLANT, range: RANGE, scope: 'plant', by: ['medium'] })
    expect(meters).toHaveLength(1)
    expect(meters[0]?.values.electricity).toBeCloseTo(sum(minutesBy(MEASUREMENTS.meterMinute, RANGE, 'medium').get('electricity') ?? [], 'electricity_kwh'), 6)
    const intake = await store.intake({ ...PLANT, range: RANGE, by: ['device'] })
    const intakeMinutes = minutesBy(MEASUREMENTS.intakeMinute, RANGE, 'device')
    for (const r of intake) {
      const list = intakeMinutes.get(r.group.device ?? '') ?? []
      expect(r.values).toEqual({ samples: sum(list, 'samples'), lateSamples: sum(list, 'late_samples'), duplicates: sum(list, 'duplicates'), tooLate: 0, discontinuities: sum(list, 'discontinuities'), connectionLosses: sum(list, 'connection_losses'), uncreditedBatches: 0 })
    }
    const coverage = await store.coverage({ ...PLANT, range: RANGE, by: ['machine'] })
    const loom = minutesBy(MEASUREMENTS.machineMinute, RANGE, 'machine').get('loom-1') ?? []
    const known = sum(loom, 'running_s') + sum(loom, 'idle_s') + sum(loom, 'down_s') + sum(loom, 'setup_s') + sum(loom, 'planned_stop_s') + sum(loom, 'off_s')
    expect(coverage.find((r) => r.group.machine === 'loom-1')?.values.coverage).toBeCloseTo(known / ((RANGE.endMs - RANGE.startMs) / 1000), 9)
  })
})
