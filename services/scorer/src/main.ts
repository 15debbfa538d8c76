import { parseArgs } from 'node:util'
import { createLogger, loadConfig, runService } from '@millstream/runtime'
import { loadBenchmarks, loadRegistries } from '@millstream/seeds'
import { createScorer } from './app.ts'
import { backfill, progressBar } from './backfill.ts'
import { scorerConfigSchema } from './scorer-config.ts'

const HELP = `Usage: scorer                      run the schedules (pnpm --filter @millstream/scorer start)
       scorer backfill --from YYYY-MM-DD --to YYYY-MM-DD [--plant ID]

Scores every plant of the registry (digitalization and energy, with MIIT-aligned evidence and a
diagnosis; docs/scores.md) per rolling 24 h (hourly), local day and local month, reading InfluxDB
through the store and writing each record to InfluxDB (plant_score, plant_score_component) and the
compacted Kafka topic mill.scores.v1 (key firm/plant/period/start), and firm, cluster and
product-family roll-ups with percentiles to score_rollup, score_percentile and mill.score-rollups.v1. After downtime the missed
periods are scored once each (state: the latest plant_score per plant in InfluxDB). Backfill scores
the periods ending in the given local days with the same code; running it twice changes nothing.

Environment (services/scorer/README.md): KAFKA_BROKERS, INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG,
INFLUX_BUCKET, REGISTRY_PATH, BENCHMARKS_PATH, SCORER_TOPIC, SCORER_ROLLUP_TOPIC, SCORER_SETTLE (90m), SCORER_HOURLY_SETTLE (20m),
SCORER_CATCH_UP (35d), SCORER_MAX_CATCH_UP (200), SCORER_RETRIES (5), HTTP_PORT (9103), HTTP_HOST,
LOG_LEVEL, SHUTDOWN_TIMEOUT_MS.
Endpoints: GET /healthz, /readyz, /metrics on HTTP_HOST:HTTP_PORT.`

const { values, positionals } = parseArgs({ options: { help: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, plant: { type: 'string' } }, allowPositionals: true })
if (values.help) {
  console.log(HELP)
  process.exit(0)
}

if (positionals[0] === 'backfill') {
  if (!values.from || !values.to) {
    console.error('scorer backfill needs --from and --to (YYYY-MM-DD)')
    process.exit(2)
  }
  const config = loadConfig(scorerConfigSchema)
  const logger = createLogger({ name: 'scorer', level: config.LOG_LEVEL })
  const scorer = await createScorer({ config: { ...config, HTTP_PORT: 0 }, logger, registry: loadRegistries(config.REGISTRY_PATH), benchmarks: loadBenchmarks(config.BENCHMARKS_PATH), schedule: false, catchUp: false })
  await scorer.start()
  const n = await backfill(scorer, { from: values.from, to: values.to, plant: values.plant, onProgress: (done, total) => process.stderr.write(`\r${progressBar(done, total)}`) })
  process.stderr.write(`\nscored ${n} plant-periods\n`)
  await scorer.stop()
  process.exit(0)
} else {
  await runService(
    async () => {
      const config = loadConfig(scorerConfigSchema)
      const logger = createLogger({ name: 'scorer', level: config.LOG_LEVEL })
      const scorer = await createScorer({ config, logger, registry: loadRegistries(config.REGISTRY_PATH), benchmarks: loadBenchmarks(config.BENCHMARKS_PATH) })
      scorer.handleSignals(config.SHUTDOWN_TIMEOUT_MS)
      await scorer.start()
    },
    { name: 'scorer' },
  )
}
