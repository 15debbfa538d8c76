import { flux, InfluxDB, type ParameterizedQuery } from '@influxdata/influxdb-client'
import { bucketOf, type InfluxBuckets } from '@millstream/contract'
import { appendFileSync } from 'node:fs'
import { servers, uniqueName } from './servers.ts'

/**
 * Test support for InfluxDB: a bucket per run, and raw views of what the aggregator wrote (point
 * dumps, counts, pivoted rows) for suites that check points one by one. Domain questions (state
 * time, OEE, stops, energy, intake) go through @millstream/store instead. Flux only through the
 * client's `flux` tag: every value is escaped into a literal.
 */
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${servers().influxUrl}${path}`, { ...init, headers: { Authorization: `Token ${servers().influxToken}`, 'Content-Type': 'application/json', ...init.headers } })

async function orgId(): Promise<string> {
  const res = await api(`/api/v2/orgs?org=${encodeURIComponent(servers().influxOrg)}`)
  const body = (await res.json()) as { orgs?: { id: string }[] }
  const id = body.orgs?.[0]?.id
  if (!id) throw new Error(`InfluxDB org ${servers().influxOrg} not found`)
  return id
}

/** A fresh bucket (infinite retention) so that runs compared with each other never overwrite each other. */
export async function createTestBucket(prefix = 'agg'): Promise<string> {
  const name = uniqueName(prefix)
  const res = await api('/api/v2/buckets', { method: 'POST', body: JSON.stringify({ orgID: await orgId(), name, retentionRules: [] }) })
  if (!res.ok) throw new Error(`creating bucket ${name}: ${res.status} ${await res.text()}`)
  return name
}

/**
 * Deletes a test bucket, or, inside the integration suite, leaves that to the suite's end
 * (test/setup/global-setup.ts). InfluxDB 2.7.12 crashes with SIGSEGV when a bucket is deleted
 * while a query reads it (docs/infrastructure.md), and a test's teardown cannot prove that no
 * service it started still has a query in flight.
 */
export async function deleteTestBucket(name: string): Promise<void> {
  const later = process.env[DEFERRED_BUCKETS_ENV]
  if (later) return appendFileSync(later, `${name}\n`)
  await deleteBucketNow(name)
}

/** The file global-setup.ts names, where deletions wait for the end of the suite. */
export const DEFERRED_BUCKETS_ENV = 'MILLSTREAM_TEST_BUCKETS_FILE'

export async function deleteBucketNow(name: string): Promise<void> {
  const res = await api(`/api/v2/buckets?name=${encodeURIComponent(name)}&orgID=${await orgId()}`)
  const body = (await res.json()) as { buckets?: { id: string }[] }
  for (const b of body.buckets ?? []) await api(`/api/v2/buckets/${b.id}`, { method: 'DELETE' })
}

export type FluxRow = Record<string, unknown>

export async function queryRows(query: ParameterizedQuery): Promise<FluxRow[]> {
  const queryApi = new InfluxDB({ url: servers().influxUrl, token: servers().influxToken, timeout: 120_000 }).getQueryApi(servers().influxOrg)
  return queryApi.collectRows<FluxRow>(query)
}

/** One bucket holding both tiers, or a minute and a rollup bucket (issue 17): each measurement is read from its tier's. */
export type TestBuckets = string | InfluxBuckets
const at = (buckets: TestBuckets, measurement: string) => (typeof buckets === 'string' ? buckets : bucketOf(buckets, measurement))

/** `from(bucket) |> range(...) |> filter(measurement in ...)` (all measurements when none are named), the start of every query below. */
function points(bucket: string, startMs: number, stopMs: number, measurements?: readonly string[]): ParameterizedQuery {
  const all = flux`from(bucket: ${bucket}) |> range(start: ${new Date(startMs)}, stop: ${new Date(stopMs)})`
  return measurements ? flux`${all} |> filter(fn: (r) => contains(value: r._measurement, set: ${measurements}))` : all
}

/**
 * Every point (of some measurements, or all) in [startMs, stopMs) as sorted text lines
 * `measurement,tag=value,... field=value time` (of both buckets of a two-bucket layout): two
 * buckets with the same dump hold the same data.
 */
export async function fluxDump(bucket: TestBuckets, startMs: number, stopMs: number, measurements?: readonly string[]): Promise<string[]> {
  const from = typeof bucket === 'string' ? [bucket] : [...new Set([bucket.minutes, bucket.rollups])]
  const rows = (await Promise.all(from.map((b) => queryRows(points(b, startMs, stopMs, measurements))))).flat()
  return rows
    .map((r) => {
      const tags = Object.keys(r)
        .filter((k) => !k.startsWith('_') && k !== 'result' && k !== 'table')
        .sort()
        .map((k) => `${k}=${String(r[k])}`)
      return `${String(r._measurement)},${tags.join(',')} ${String(r._field)}=${String(r._value)} ${String(r._time)}`
    })
    .sort()
}

/** Number of points (series x time) of a measurement in a range, counting one field. */
export async function countPoints(bucket: TestBuckets, measurement: string, field: string, startMs: number, stopMs: number): Promise<number> {
  const rows = await queryRows(flux`${points(at(bucket, measurement), startMs, stopMs, [measurement])} |> filter(fn: (r) => r._field == ${field}) |> group() |> count()`)
  return Number(rows[0]?._value ?? 0)
}

/** Sum of one field of a measurement over a range, all series together. */
export async function sumField(bucket: TestBuckets, measurement: string, field: string, startMs: number, stopMs: number): Promise<number> {
  const rows = await queryRows(flux`${points(at(bucket, measurement), startMs, stopMs, [measurement])} |> filter(fn: (r) => r._field == ${field}) |> group() |> sum()`)
  return Number(rows[0]?._value ?? 0)
}

/** Sums of some fields per series (grouped by `by` and the field), e.g. per device over a range. */
export async function sumsBy(bucket: string, o: { measurements: readonly string[]; fields: readonly string[]; by: readonly string[]; startMs: number; stopMs: number }): Promise<FluxRow[]> {
  return queryRows(flux`${points(bucket, o.startMs, o.stopMs, o.measurements)} |> filter(fn: (r) => contains(value: r._field, set: ${o.fields})) |> group(columns: ${[...o.by, '_field']}) |> sum()`)
}

/** Points of a measurement with one column per field, one row per `_time` and `rowKey` tags. */
export async function pivotedRows(bucket: TestBuckets, measurement: string, startMs: number, stopMs: number, rowKey: readonly string[]): Promise<FluxRow[]> {
  return queryRows(flux`${points(at(bucket, measurement), startMs, stopMs, [measurement])} |> pivot(rowKey: ${['_time', ...rowKey]}, columnKey: ["_field"], valueColumn: "_value")`)
}
