// Sets up InfluxDB for the services (called by deploy/local/lib/influxdb.sh at every `up`, with the
// operator token): the minute bucket and the rollup bucket with their retention
// (INFLUX_MINUTE_RETENTION_DAYS, INFLUX_ROLLUP_RETENTION_DAYS; 0 keeps everything), then one token
// per service scoped to those buckets. Idempotent.
import { DEFAULT_RETENTION_DAYS, ensureBucket, layoutBuckets, retentionDaysFrom } from './influx-buckets.ts'
import { provisionServiceTokens } from './influx-service-tokens.ts'

const e = process.env
if (!e.INFLUX_URL || !e.INFLUX_TOKEN || !e.INFLUX_ORG || !e.INFLUX_BUCKET || !e.INFLUX_TOKENS_DIR) {
  console.error('Usage: INFLUX_URL INFLUX_TOKEN (operator) INFLUX_ORG INFLUX_BUCKET [INFLUX_ROLLUP_BUCKET] [INFLUX_MINUTE_RETENTION_DAYS] [INFLUX_ROLLUP_RETENTION_DAYS] INFLUX_TOKENS_DIR node --import tsx deploy/local/influx-setup.ts')
  process.exit(2)
}
const admin = { url: e.INFLUX_URL, token: e.INFLUX_TOKEN, org: e.INFLUX_ORG }
const buckets = layoutBuckets({
  bucket: e.INFLUX_BUCKET,
  rollupBucket: e.INFLUX_ROLLUP_BUCKET,
  minuteDays: retentionDaysFrom('INFLUX_MINUTE_RETENTION_DAYS', e.INFLUX_MINUTE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS.minutes),
  rollupDays: retentionDaysFrom('INFLUX_ROLLUP_RETENTION_DAYS', e.INFLUX_ROLLUP_RETENTION_DAYS, DEFAULT_RETENTION_DAYS.rollups),
})
for (const b of buckets) {
  const done = await ensureBucket(admin, b)
  console.log(`[influx-setup] bucket ${b.name}: retention ${b.retentionDays === 0 ? 'forever' : `${b.retentionDays} d`} (${done})`)
}
const created = await provisionServiceTokens(admin, { bucket: e.INFLUX_BUCKET, rollupBucket: e.INFLUX_ROLLUP_BUCKET || undefined, dir: e.INFLUX_TOKENS_DIR })
console.log(`[influx-setup] ${created.length ? `created tokens of ${created.join(', ')}` : 'all service tokens exist'} in ${e.INFLUX_TOKENS_DIR}`)
