import { randomUUID } from 'node:crypto'
import { InfluxDB, type ParameterizedQuery } from '@influxdata/influxdb-client'
import { Kafka, logLevel } from 'kafkajs'

/** The servers, from the environment deploy/local/servers.sh writes (source .run/servers/env). */
export interface BenchServers {
  kafkaBrokers: string
  influxUrl: string
  influxToken: string
  influxOrg: string
}

export function benchServers(): BenchServers {
  const e = process.env
  const missing = ['KAFKA_BROKERS', 'INFLUX_URL', 'INFLUX_TOKEN'].filter((n) => !e[n])
  if (missing.length > 0) throw new Error(`${missing.join(', ')} unset: run  set -a && . .run/servers/env && set +a  first`)
  return { kafkaBrokers: e.KAFKA_BROKERS as string, influxUrl: e.INFLUX_URL as string, influxToken: e.INFLUX_TOKEN as string, influxOrg: e.INFLUX_ORG ?? 'millstream' }
}

export function benchKafka(s: BenchServers): Kafka {
  return new Kafka({ clientId: `bench-${randomUUID().slice(0, 8)}`, brokers: s.kafkaBrokers.split(','), logLevel: logLevel.NOTHING })
}

const influx = (s: BenchServers, path: string, init: RequestInit = {}) =>
  fetch(`${s.influxUrl}${path}`, { ...init, headers: { Authorization: `Token ${s.influxToken}`, 'Content-Type': 'application/json', ...init.headers } })

export async function createBucket(s: BenchServers, name: string): Promise<void> {
  const orgs = (await (await influx(s, `/api/v2/orgs?org=${s.influxOrg}`)).json()) as { orgs: { id: string }[] }
  const res = await influx(s, '/api/v2/buckets', { method: 'POST', body: JSON.stringify({ orgID: orgs.orgs[0]?.id, name, retentionRules: [] }) })
  if (!res.ok) throw new Error(`bucket ${name}: ${res.status} ${await res.text()}`)
}

export async function deleteBucket(s: BenchServers, name: string): Promise<void> {
  const found = (await (await influx(s, `/api/v2/buckets?name=${name}`)).json()) as { buckets?: { id: string }[] }
  for (const b of found.buckets ?? []) await influx(s, `/api/v2/buckets/${b.id}`, { method: 'DELETE' })
}

/** Runs a Flux query (built with the client's `flux` tag) and returns its annotated CSV and the wall time it took. */
export async function timedQuery(s: BenchServers, query: ParameterizedQuery): Promise<{ ms: number; csv: string }> {
  const started = performance.now()
  const csv = await new InfluxDB({ url: s.influxUrl, token: s.influxToken }).getQueryApi(s.influxOrg).queryRaw(query)
  return { ms: performance.now() - started, csv }
}

export async function writeLines(s: BenchServers, bucket: string, lines: string[]): Promise<void> {
  const res = await fetch(`${s.influxUrl}/api/v2/write?org=${s.influxOrg}&bucket=${bucket}&precision=s`, { method: 'POST', headers: { Authorization: `Token ${s.influxToken}` }, body: lines.join('\n') })
  if (res.status !== 204) throw new Error(`write failed ${res.status}: ${await res.text()}`)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}
