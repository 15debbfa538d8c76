import { createLogger, loadConfig, runService } from '@millstream/runtime'
import { createAggregator } from './app.ts'
import { loadRegistries } from '@millstream/seeds'
import { aggregatorConfigSchema } from './config.ts'

const HELP = `Usage: pnpm --filter @millstream/aggregator start

Turns canonical telemetry (Kafka mill.telemetry.v1) into minute and hour metrics per machine and
meter in InfluxDB, in event time and the plant's time zone; sends each closed or corrected minute
to mill.machine-minute.v1 and records later than the allowed lateness to mill.telemetry.dlq.v1.
Instances with the same AGG_GROUP_ID split the partitions; state lives in a compacted changelog
(mill.aggregator-state.v1) committed with the offsets, so a crash loses and doubles nothing.

Configuration is read from the environment (docs/aggregator.md lists every variable):
  KAFKA_BROKERS, INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG, INFLUX_BUCKET, REGISTRY_PATH,
  AGG_GROUP_ID, AGG_CLIENT_ID, AGG_INPUT_TOPIC, AGG_CHANGELOG_TOPIC, AGG_LIVE_TOPIC, AGG_DLQ_TOPIC, AGG_ANOMALY_TOPIC,
  AGG_ALLOWED_LATENESS (5m), AGG_STALENESS (5m), AGG_MAX_SPREAD (5m), AGG_SILENT_HORIZON (1h),
  AGG_PARTITION_GRACE (1h), AGG_EMIT_DELAY (2s), AGG_IDLE_ADVANCE (5s), AGG_IDLE_FINALIZE (10m), AGG_COMMIT_INTERVAL (1s),
  AGG_MAX_PENDING_POINTS, AGG_INFLUX_TIMEOUT, AGG_INFLUX_BATCH_LINES, AGG_SESSION_TIMEOUT,
  AGG_TRANSACTION_TIMEOUT, AGG_FROM_BEGINNING, HTTP_PORT (9102), HTTP_HOST, LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS.
Endpoints: GET /healthz, /readyz, /metrics on HTTP_HOST:HTTP_PORT.`

if (process.argv.includes('--help')) {
  console.log(HELP)
  process.exit(0)
}

await runService(
  async () => {
    const config = loadConfig(aggregatorConfigSchema)
    const logger = createLogger({ name: 'aggregator', level: config.LOG_LEVEL })
    const aggregator = createAggregator({
      config,
      logger,
      registry: loadRegistries(config.REGISTRY_PATH),
      onFatal: () => {
        void aggregator.stop().finally(() => process.exit(1))
      },
    })
    aggregator.handleSignals(config.SHUTDOWN_TIMEOUT_MS)
    await aggregator.start()
  },
  { name: 'aggregator' },
)
