// InfluxDB tokens scoped per service (issue 17): each service gets a token that can do only what it
// needs on the one bucket it uses, created through InfluxDB's /api/v2/authorizations by the
// operator token. docs/operations.md#scoped-influxdb-tokens says why each grant is what it is.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type BucketAction = 'read' | 'write'

/**
 * What each service does with the bucket. The aggregator reads its own points back (rollup
 * restore, services/aggregator/src/app.ts) and writes; the scorer reads the minutes and writes its
 * scores into the same bucket; the API only reads. Ingest and reports never call InfluxDB (reports
 * read through the API), so they get no token.
 */
export const INFLUX_SERVICE_GRANTS = {
  aggregator: ['read', 'write'],
  scorer: ['read', 'write'],
  api: ['read'],
} as const satisfies Record<string, readonly BucketAction[]>

export type InfluxService = keyof typeof INFLUX_SERVICE_GRANTS

export interface InfluxAdmin {
  url: string
  /** The operator token (all access): used here only, never given to a service. */
  token: string
  org: string
}

async function call<T>(admin: InfluxAdmin, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${admin.url}${path}`, { ...init, headers: { authorization: `Token ${admin.token}`, 'content-type': 'application/json' } })
  if (!res.ok) throw new Error(`InfluxDB ${init.method ?? 'GET'} ${path.split('?')[0]}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** The org's and bucket's ids, which permissions name. */
export async function bucketIds(admin: InfluxAdmin, bucket: string): Promise<{ orgID: string; bucketID: string }> {
  const orgs = await call<{ orgs: { id: string }[] }>(admin, `/api/v2/orgs?org=${encodeURIComponent(admin.org)}`)
  const orgID = orgs.orgs[0]?.id
  if (!orgID) throw new Error(`InfluxDB: no org ${admin.org}`)
  const buckets = await call<{ buckets: { id: string }[] }>(admin, `/api/v2/buckets?orgID=${orgID}&name=${encodeURIComponent(bucket)}`)
  const bucketID = buckets.buckets[0]?.id
  if (!bucketID) throw new Error(`InfluxDB: no bucket ${bucket} in org ${admin.org}`)
  return { orgID, bucketID }
}

export interface BucketTokenOptions {
  bucket: string
  actions: readonly BucketAction[]
  description: string
}

/** A new token that may do `actions` on one bucket and nothing else (no org, user or other bucket). */
export async function createBucketToken(admin: InfluxAdmin, options: BucketTokenOptions): Promise<string> {
  const { orgID, bucketID } = await bucketIds(admin, options.bucket)
  const permissions = options.actions.map((action) => ({ action, resource: { type: 'buckets', id: bucketID, orgID } }))
  const created = await call<{ token: string }>(admin, '/api/v2/authorizations', {
    method: 'POST',
    body: JSON.stringify({ orgID, description: options.description, permissions }),
  })
  return created.token
}

export interface ProvisionOptions {
  bucket: string
  /** Folder of `<service>.token` files (0600, the folder 0700), like the Kafka credentials. */
  dir: string
}

/** One token file per service of INFLUX_SERVICE_GRANTS; a service whose file exists keeps it. */
export async function provisionServiceTokens(admin: InfluxAdmin, options: ProvisionOptions): Promise<InfluxService[]> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  chmodSync(options.dir, 0o700)
  const created: InfluxService[] = []
  for (const [service, actions] of Object.entries(INFLUX_SERVICE_GRANTS) as [InfluxService, readonly BucketAction[]][]) {
    const file = join(options.dir, `${service}.token`)
    if (existsSync(file)) continue
    const token = await createBucketToken(admin, { bucket: options.bucket, actions, description: `millstream-${service} (${actions.join('+')} ${options.bucket})` })
    writeFileSync(file, `${token}\n`, { mode: 0o600 })
    created.push(service)
  }
  return created
}
