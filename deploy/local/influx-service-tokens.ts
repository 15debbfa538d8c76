// InfluxDB tokens scoped per service (issue 17): each service gets a token that can do only what it
// needs on the buckets it uses (the minute bucket and the rollup bucket), created through
// InfluxDB's /api/v2/authorizations by the operator token. docs/operations.md#scoped-influxdb-tokens
// says why each grant is what it is.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InfluxBuckets, InfluxTier } from '@millstream/contract'

export type BucketAction = 'read' | 'write'

/**
 * What each service does with each tier's bucket. The aggregator writes minutes and hours and
 * reads its machine hours back (the line roll-up stage, services/aggregator/src/app.ts); the
 * scorer reads both tiers and writes its scores into the rollup bucket; the API only reads.
 * Ingest and reports never call InfluxDB (reports read through the API), so they get no token.
 */
export const INFLUX_SERVICE_GRANTS = {
  aggregator: { minutes: ['read', 'write'], rollups: ['read', 'write'] },
  scorer: { minutes: ['read'], rollups: ['read', 'write'] },
  api: { minutes: ['read'], rollups: ['read'] },
} as const satisfies Record<string, Record<InfluxTier, readonly BucketAction[]>>

export type InfluxService = keyof typeof INFLUX_SERVICE_GRANTS

export interface InfluxAdmin {
  url: string
  /** The operator token (all access): used here only, never given to a service. */
  token: string
  org: string
}

/** One call of InfluxDB's v2 API with the operator token; a refusal throws with the answer. */
export async function call<T>(admin: InfluxAdmin, path: string, init: RequestInit = {}): Promise<T> {
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
  return createBucketsToken(admin, { grants: [{ bucket: options.bucket, actions: options.actions }], description: options.description })
}

/** A new token that may do, on each bucket named, its actions, and nothing else. */
export async function createBucketsToken(admin: InfluxAdmin, options: { grants: readonly { bucket: string; actions: readonly BucketAction[] }[]; description: string }): Promise<string> {
  const permissions: { action: BucketAction; resource: { type: 'buckets'; id: string; orgID: string } }[] = []
  let orgID = ''
  for (const grant of options.grants) {
    const ids = await bucketIds(admin, grant.bucket)
    orgID = ids.orgID
    permissions.push(...grant.actions.map((action) => ({ action, resource: { type: 'buckets' as const, id: ids.bucketID, orgID } })))
  }
  const created = await call<{ token: string }>(admin, '/api/v2/authorizations', {
    method: 'POST',
    body: JSON.stringify({ orgID, description: options.description, permissions }),
  })
  return created.token
}

/**
 * A service's grants on the buckets of a layout, one entry per bucket: when both tiers share one
 * bucket, its actions are the union of the two tiers'.
 */
export function serviceGrants(service: InfluxService, buckets: InfluxBuckets): { bucket: string; actions: BucketAction[] }[] {
  const byBucket = new Map<string, Set<BucketAction>>()
  for (const tier of ['minutes', 'rollups'] as const) {
    const actions = byBucket.get(buckets[tier]) ?? new Set<BucketAction>()
    for (const a of INFLUX_SERVICE_GRANTS[service][tier]) actions.add(a)
    byBucket.set(buckets[tier], actions)
  }
  return [...byBucket].map(([bucket, actions]) => ({ bucket, actions: (['read', 'write'] as const).filter((a) => actions.has(a)) }))
}

export interface ProvisionOptions {
  /** The minute bucket. */
  bucket: string
  /** The rollup bucket; default: `bucket` (one bucket). */
  rollupBucket?: string | undefined
  /** Folder of `<service>.token` files (0600, the folder 0700), like the Kafka credentials. */
  dir: string
}

/**
 * One token file per service of INFLUX_SERVICE_GRANTS; a service whose file exists keeps it, as
 * long as the buckets are those the files were made for (the folder's `buckets` file): tokens of a
 * one-bucket layout are replaced when a rollup bucket is added.
 */
export async function provisionServiceTokens(admin: InfluxAdmin, options: ProvisionOptions): Promise<InfluxService[]> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 })
  chmodSync(options.dir, 0o700)
  const buckets: InfluxBuckets = { minutes: options.bucket, rollups: options.rollupBucket ?? options.bucket }
  const layoutFile = join(options.dir, 'buckets')
  const layout = `${buckets.minutes} ${buckets.rollups}\n`
  const sameLayout = existsSync(layoutFile) ? readFileSync(layoutFile, 'utf8') === layout : existsSync(join(options.dir, 'aggregator.token')) && buckets.minutes === buckets.rollups
  const created: InfluxService[] = []
  for (const service of Object.keys(INFLUX_SERVICE_GRANTS) as InfluxService[]) {
    const file = join(options.dir, `${service}.token`)
    if (sameLayout && existsSync(file)) continue
    const grants = serviceGrants(service, buckets)
    const description = `millstream-${service} (${grants.map((g) => `${g.actions.join('+')} ${g.bucket}`).join(', ')})`
    writeFileSync(file, `${await createBucketsToken(admin, { grants, description })}\n`, { mode: 0o600 })
    created.push(service)
  }
  writeFileSync(layoutFile, layout, { mode: 0o600 })
  return created
}
