// The two buckets and their retention (issue 17; docs/operations.md "Retention"): the minute tier
// and the long-lived tier (hour roll-ups, scores). InfluxDB sets retention per bucket; a bucket that
// exists gets the configured retention, so changing the variable and running `servers.sh up` again
// changes it (shards older than the new retention are dropped by InfluxDB's own retention check).
import { bucketIds, call, type InfluxAdmin } from './influx-service-tokens.ts'

export interface BucketRetention {
  name: string
  /** Days kept; 0 keeps everything. */
  retentionDays: number
}

const DAY_S = 86_400

/** A retention in whole days from a variable: a non-negative integer (0: keep forever). */
export function retentionDaysFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  if (!/^\d+$/.test(value)) throw new Error(`${name}: expected whole days (0 keeps everything), got "${value}"`)
  return Number(value)
}

/**
 * InfluxDB's own shard group duration for a retention (1 h under 2 days, 1 day under 6 months,
 * 7 days above and for ever), sent with it: a shard group longer than the retention is refused
 * (HTTP 422), so shortening the retention of a bucket made with a longer one must shorten it too.
 * `everySeconds` 0 is for ever; an empty rule list would leave the old rule in place.
 */
function retentionRules(days: number) {
  const everySeconds = days * DAY_S
  const shardGroupDurationSeconds = days === 0 || days >= 183 ? 7 * DAY_S : days >= 2 ? DAY_S : 3_600
  return [{ type: 'expire', everySeconds, shardGroupDurationSeconds }]
}

/** Creates the bucket with its retention, or sets the retention of the bucket that exists. Returns what was done. */
export async function ensureBucket(admin: InfluxAdmin, bucket: BucketRetention): Promise<'created' | 'updated' | 'kept'> {
  const existing = await bucketIds(admin, bucket.name).catch(() => undefined)
  if (!existing) {
    const orgs = await call<{ orgs: { id: string }[] }>(admin, `/api/v2/orgs?org=${encodeURIComponent(admin.org)}`)
    await call(admin, '/api/v2/buckets', { method: 'POST', body: JSON.stringify({ orgID: orgs.orgs[0]?.id, name: bucket.name, retentionRules: retentionRules(bucket.retentionDays) }) })
    return 'created'
  }
  if ((await bucketRetentionDays(admin, bucket.name)) === bucket.retentionDays) return 'kept'
  await call(admin, `/api/v2/buckets/${existing.bucketID}`, { method: 'PATCH', body: JSON.stringify({ retentionRules: retentionRules(bucket.retentionDays) }) })
  return 'updated'
}

/** The retention of a bucket in days as InfluxDB holds it (0: forever). */
export async function bucketRetentionDays(admin: InfluxAdmin, name: string): Promise<number> {
  const { orgID } = await bucketIds(admin, name)
  const found = await call<{ buckets: { retentionRules?: { everySeconds: number }[] }[] }>(admin, `/api/v2/buckets?orgID=${orgID}&name=${encodeURIComponent(name)}`)
  return (found.buckets[0]?.retentionRules?.[0]?.everySeconds ?? 0) / DAY_S
}

/** Default retention of each tier, in days (docs/scaling.md "Retention and storage"). */
export const DEFAULT_RETENTION_DAYS = { minutes: 90, rollups: 5 * 365 } as const

/**
 * The buckets of a layout with their retention. One bucket for both tiers keeps the rollup
 * tier's retention: the history must outlive the minutes, not the other way round.
 */
export function layoutBuckets(o: { bucket: string; rollupBucket?: string | undefined; minuteDays: number; rollupDays: number }): BucketRetention[] {
  const rollupBucket = o.rollupBucket || o.bucket
  if (rollupBucket === o.bucket) return [{ name: o.bucket, retentionDays: o.rollupDays }]
  return [{ name: o.bucket, retentionDays: o.minuteDays }, { name: rollupBucket, retentionDays: o.rollupDays }]
}
