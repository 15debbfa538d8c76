import { InfluxDB } from '@influxdata/influxdb-client'
import { servers, uniqueName } from './servers.ts'

/** Test support for InfluxDB: a bucket per run, Flux dumps, row queries. */
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

export async function deleteTestBucket(name: string): Promise<void> {
  const res = await api(`/api/v2/buckets?name=${encodeURIComponent(name)}&orgID=${await orgId()}`)
  const body = (await res.json()) as { buckets?: { id: string }[] }
  for (const b of body.buckets ?? []) await api(`/api/v2/buckets/${b.id}`, { method: 'DELETE' })
}

export type FluxRow = Record<string, unknown>

export async function queryRows(flux: string): Promise<FluxRow[]> {
  const queryApi = new InfluxDB({ url: servers().influxUrl, token: servers().influxToken, timeout: 120_000 }).getQueryApi(servers().influxOrg)
  return queryApi.collectRows<FluxRow>(flux)
}

const RFC = (ms: number) => new Date(ms).toISOString()

/**
 * Every point of a bucket in [startMs, stopMs) as sorted text lines
 * `measurement,tag=value,... field=value time`: two buckets with the same dump hold the same data.
 */
export async function fluxDump(bucket: string, startMs: number, stopMs: number, measurementPattern = '.*'): Promise<string[]> {
  const rows = await queryRows(`from(bucket: "${bucket}") |> range(start: ${RFC(startMs)}, stop: ${RFC(stopMs)}) |> filter(fn: (r) => r._measurement =~ /^(${measurementPattern})$/)`)
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
export async function countPoints(bucket: string, measurement: string, field: string, startMs: number, stopMs: number): Promise<number> {
  const rows = await queryRows(
    `from(bucket: "${bucket}") |> range(start: ${RFC(startMs)}, stop: ${RFC(stopMs)}) |> filter(fn: (r) => r._measurement == "${measurement}" and r._field == "${field}") |> group() |> count()`,
  )
  return Number(rows[0]?._value ?? 0)
}
