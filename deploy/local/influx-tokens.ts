// Writes one bucket-scoped InfluxDB token per service into INFLUX_TOKENS_DIR, for buckets that
// exist (cluster-faults.sh, for a run's own bucket; servers.sh uses influx-setup.ts, which also
// creates the buckets). Idempotent: a service whose token file exists is left as it is.
import { provisionServiceTokens } from './influx-service-tokens.ts'

const { INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG, INFLUX_BUCKET, INFLUX_TOKENS_DIR } = process.env
if (!INFLUX_URL || !INFLUX_TOKEN || !INFLUX_ORG || !INFLUX_BUCKET || !INFLUX_TOKENS_DIR) {
  console.error('Usage: INFLUX_URL INFLUX_TOKEN (operator) INFLUX_ORG INFLUX_BUCKET [INFLUX_ROLLUP_BUCKET] INFLUX_TOKENS_DIR node --import tsx deploy/local/influx-tokens.ts')
  process.exit(2)
}
const created = await provisionServiceTokens({ url: INFLUX_URL, token: INFLUX_TOKEN, org: INFLUX_ORG }, { bucket: INFLUX_BUCKET, rollupBucket: process.env.INFLUX_ROLLUP_BUCKET || undefined, dir: INFLUX_TOKENS_DIR })
console.log(`[influx-tokens] ${created.length ? `created ${created.join(', ')}` : 'all service tokens exist'} in ${INFLUX_TOKENS_DIR}`)
