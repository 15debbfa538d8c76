import { LINE_ROLLUP_FIELDS } from '@millstream/contract'
import { expect } from 'vitest'
import { countPoints, pivotedRows, sumField, type TestBuckets } from '../support/influx.ts'
import { waitUntil } from '../support/aggregator.ts'
import type { DayExpectation } from './plant-day.ts'

const DAY_MS = 24 * 3600 * 1000
const RFC = (ms: number) => new Date(ms).toISOString()

/** Waits until the bucket holds every final point of the scripted day. */
export async function waitForDay(bucket: TestBuckets, dayStartMs: number, timeoutMs = 150_000): Promise<void> {
  await waitUntil(
    'the scripted day in InfluxDB',
    async () =>
      (await countPoints(bucket, 'machine_minute', 'running_s', dayStartMs, dayStartMs + DAY_MS)) === 2 * 1440 &&
      (await countPoints(bucket, 'meter_minute', 'electricity_kwh', dayStartMs, dayStartMs + DAY_MS)) === 1440 &&
      (await hourMinutes(bucket, dayStartMs)) === 2 * 1440 &&
      // The roll-up stage has summed every hour once all its machine minutes were final.
      (await sumField(bucket, 'plant_hour', 'minutes', dayStartMs, dayStartMs + DAY_MS)) === 2 * 1440 &&
      // And the hall sensor's hours (process channel) hold every minute of the day.
      (await sumField(bucket, 'process_hour', 'minutes', dayStartMs, dayStartMs + DAY_MS)) === 2 * 1440,
    timeoutMs,
  )
}

async function hourMinutes(bucket: TestBuckets, dayStartMs: number): Promise<number> {
  return sumField(bucket, 'machine_hour', 'minutes', dayStartMs, dayStartMs + DAY_MS)
}

/** Rows of a measurement with one column per field. */
async function pivoted(bucket: TestBuckets, measurement: string, dayStartMs: number, keyTag: string): Promise<Record<string, unknown>[]> {
  return pivotedRows(bucket, measurement, dayStartMs, dayStartMs + DAY_MS, measurement.includes('stop') ? [keyTag, 'reason'] : [keyTag])
}

/** Compares every minute, stop and hour point of the day with the worked-out expectation. */
export async function expectDayMatches(bucket: TestBuckets, dayStartMs: number, expected: DayExpectation): Promise<void> {
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
    for (const field of ['running_s', 'apt_s', 'pdt_s', 'produced_qty', 'good_qty', 'electricity_kwh', 'electricity_idle_kwh', 'ideal_produced_s', 'credited_ideal_s', 'stops']) {
      expect(row[field], `${String(row.machine)} ${RFC(t)} ${field}`).toBe(minutes.reduce((n, f) => n + (f[field] as number), 0))
    }
    expect(row.electricity_peak_rate).toBe(Math.max(...minutes.map((f) => f.electricity_peak_rate as number)))
  }
  await expectRollupsMatch(bucket, dayStartMs, hourRows)
}

/**
 * Line and plant roll-ups (issue 13): every hour's `line_hour` and `plant_hour` hold the sum of
 * the machine hours of that line or plant, field by field, exactly (the script's values are
 * halves of halves), and the stop roll-ups the sum of the machines' stop hours.
 */
async function expectRollupsMatch(bucket: TestBuckets, dayStartMs: number, hourRows: readonly Record<string, unknown>[]): Promise<void> {
  const want = new Map<string, Record<string, number>>()
  const add = (key: string, row: Record<string, unknown>, fields: readonly string[]) => {
    const into = want.get(key) ?? {}
    for (const f of fields) if (typeof row[f] === 'number') into[f] = (into[f] ?? 0) + (row[f] as number)
    want.set(key, into)
  }
  for (const row of hourRows) {
    const t = RFC(Date.parse(String(row._time)))
    add(`line ${String(row.line)} ${t}`, row, LINE_ROLLUP_FIELDS)
    add(`plant ${t}`, row, LINE_ROLLUP_FIELDS)
  }
  for (const row of await pivoted(bucket, 'machine_stop_hour', dayStartMs, 'machine')) {
    const t = RFC(Date.parse(String(row._time)))
    add(`line-stop ${String(row.line)} ${String(row.reason)} ${t}`, row, ['count', 'down_s'])
    add(`plant-stop ${String(row.reason)} ${t}`, row, ['count', 'down_s'])
  }
  const got = new Map<string, Record<string, number>>()
  const collect = async (measurement: string, label: (r: Record<string, unknown>) => string, keyTags: string[]) => {
    for (const row of await pivotedRows(bucket, measurement, dayStartMs, dayStartMs + DAY_MS, keyTags)) {
      const fields = Object.fromEntries(Object.entries(row).filter(([k, v]) => !k.startsWith('_') && typeof v === 'number' && k !== 'table'))
      got.set(`${label(row)} ${RFC(Date.parse(String(row._time)))}`, fields as Record<string, number>)
    }
  }
  await collect('line_hour', (r) => `line ${String(r.line)}`, ['line'])
  await collect('plant_hour', () => 'plant', [])
  await collect('line_stop_hour', (r) => `line-stop ${String(r.line)} ${String(r.reason)}`, ['line', 'reason'])
  await collect('plant_stop_hour', (r) => `plant-stop ${String(r.reason)}`, ['reason'])
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
  expect(got.size).toBeGreaterThan(48)
  for (const [key, fields] of want) expect(got.get(key), key).toEqual(fields)
}

/**
 * The hall sensor's day (issue 16): every reading counted once in the minutes and in the hours, and
 * every out-of-range reading once as an event point, however often the aggregator was killed.
 */
export async function expectProcessDay(bucket: TestBuckets, dayStartMs: number, expected: DayExpectation['process']): Promise<void> {
  const sumOf = async (measurement: string, field: string, gauge: string) => {
    const rows = await pivotedRows(bucket, measurement, dayStartMs, dayStartMs + DAY_MS, ['gauge'])
    return rows.filter((r) => r.gauge === gauge).reduce((n, r) => n + Number(r[field] ?? 0), 0)
  }
  for (const measurement of ['process_minute', 'process_hour']) {
    expect(await sumOf(measurement, 'count', 'humidity'), `${measurement} humidity`).toBe(expected.humidity)
    expect(await sumOf(measurement, 'count', 'temperature'), `${measurement} temperature`).toBe(expected.temperature)
    expect(await sumOf(measurement, 'out_of_range', 'humidity'), `${measurement} out_of_range`).toBe(expected.outOfRange)
  }
  expect(await countPoints(bucket, 'process_out_of_range', 'value', dayStartMs, dayStartMs + DAY_MS)).toBe(expected.outOfRange)
}
