import { expect } from 'vitest'
import { countPoints, pivotedRows, sumField } from '../support/influx.ts'
import { waitUntil } from '../support/aggregator.ts'
import type { DayExpectation } from './plant-day.ts'

const DAY_MS = 24 * 3600 * 1000
const RFC = (ms: number) => new Date(ms).toISOString()

/** Waits until the bucket holds every final point of the scripted day. */
export async function waitForDay(bucket: string, dayStartMs: number, timeoutMs = 150_000): Promise<void> {
  await waitUntil(
    'the scripted day in InfluxDB',
    async () =>
      (await countPoints(bucket, 'machine_minute', 'running_s', dayStartMs, dayStartMs + DAY_MS)) === 2 * 1440 &&
      (await countPoints(bucket, 'meter_minute', 'electricity_kwh', dayStartMs, dayStartMs + DAY_MS)) === 1440 &&
      (await hourMinutes(bucket, dayStartMs)) === 2 * 1440,
    timeoutMs,
  )
}

async function hourMinutes(bucket: string, dayStartMs: number): Promise<number> {
  return sumField(bucket, 'machine_hour', 'minutes', dayStartMs, dayStartMs + DAY_MS)
}

/** Rows of a measurement with one column per field. */
async function pivoted(bucket: string, measurement: string, dayStartMs: number, keyTag: string): Promise<Record<string, unknown>[]> {
  return pivotedRows(bucket, measurement, dayStartMs, dayStartMs + DAY_MS, measurement.includes('stop') ? [keyTag, 'reason'] : [keyTag])
}

/** Compares every minute, stop and hour point of the day with the worked-out expectation. */
export async function expectDayMatches(bucket: string, dayStartMs: number, expected: DayExpectation): Promise<void> {
  const machineRows = await pivoted(bucket, 'machine_minute', dayStartMs, 'machine')
  const meterRows = await pivoted(bucket, 'meter_minute', dayStartMs, 'meter')
  const mismatches: string[] = []
  for (const row of [...machineRows, ...meterRows]) {
    const device = String(row.machine ?? row.meter)
    const t = Date.parse(String(row._time))
    const want = expected.minutes.get(device)?.get(t)
    if (!want) {
      mismatches.push(`${device} ${RFC(t)}: unexpected point`)
      continue
    }
    for (const [field, value] of Object.entries(want)) {
      if (row[field] !== value) mismatches.push(`${device} ${RFC(t)} ${field}: ${String(row[field])} != ${value}`)
    }
  }
  expect(mismatches.slice(0, 20)).toEqual([])
  expect(machineRows).toHaveLength(2 * 1440)
  expect(meterRows).toHaveLength(1440)

  const stopRows = await pivoted(bucket, 'machine_stop_minute', dayStartMs, 'machine')
  const gotStops = stopRows.map((r) => `${String(r.machine)} ${String(r.reason)} ${RFC(Date.parse(String(r._time)))} ${String(r.count)} ${String(r.down_s)}`).sort()
  const wantStops = [...expected.stops].flatMap(([key, byMinute]) => [...byMinute].map(([t, s]) => `${key} ${RFC(t)} ${s.count} ${s.down_s}`)).sort()
  expect(gotStops).toEqual(wantStops)

  // Hours: the sums of their minutes, in order (local hours equal UTC hours in Asia/Shanghai).
  const hourRows = await pivoted(bucket, 'machine_hour', dayStartMs, 'machine')
  expect(hourRows).toHaveLength(48)
  for (const row of hourRows) {
    const t = Date.parse(String(row._time))
    const minutes = [...(expected.minutes.get(String(row.machine)) ?? new Map<number, Record<string, number>>())].filter(([m]) => m >= t && m < t + 3600_000).map(([, f]) => f)
    expect(row.minutes).toBe(60)
    for (const field of ['running_s', 'apt_s', 'pdt_s', 'produced_qty', 'good_qty', 'electricity_kwh', 'electricity_idle_kwh', 'ideal_produced_s', 'stops']) {
      expect(row[field], `${String(row.machine)} ${RFC(t)} ${field}`).toBe(minutes.reduce((n, f) => n + (f[field] as number), 0))
    }
    expect(row.electricity_peak_rate).toBe(Math.max(...minutes.map((f) => f.electricity_peak_rate as number)))
  }
}
