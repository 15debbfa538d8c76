import { createLifecycle, createLogger, createMetricsRegistry, loadConfig, runService, startOpsServer, type OpsServer } from '@millstream/runtime'
import { loadRegistries } from '@millstream/seeds'
import { startApi, type Api } from './app.ts'
import { apiConfigSchema } from './config.ts'

const HELP = `Usage: pnpm --filter @millstream/api start

The HTTP API (docs/api.md): registry, efficiency, energy and data quality of each plant, with roles
and tenancy; OpenAPI at /openapi.json, interactive docs at /docs. Users and API keys live in
API_DATA_DIR/users.json; create them with \`pnpm --filter @millstream/api admin --help\`.

Configuration is read from the environment (docs/api.md lists every variable):
  INFLUX_URL, INFLUX_TOKEN, INFLUX_ORG, INFLUX_BUCKET, KAFKA_BROKERS, REGISTRY_PATH, BENCHMARKS_PATH,
  API_PORT (8080), API_HOST, API_DATA_DIR (.run/api), API_JWT_SECRET (>= 32 chars), API_SESSION_TTL (15m),
  API_QUERY_TIMEOUT (20s), API_MAX_RANGE_DAYS (400), API_SIGN_IN_PER_MINUTE (10), API_CORS_ORIGINS,
  HTTP_PORT (9104), HTTP_HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS.
Endpoints: GET /healthz, /readyz, /metrics on HTTP_HOST:HTTP_PORT.`

/** Ready for live views when both feeds consume; otherwise which topic is not being read. */
function liveReadiness(feeds: Api['liveFeeds'] | undefined, config: { API_LIVE_TOPIC: string; API_TELEMETRY_TOPIC: string }) {
  if (feeds?.minutes && feeds.states) return true
  const missing = [...(feeds?.states ? [] : [config.API_TELEMETRY_TOPIC]), ...(feeds?.minutes ? [] : [config.API_LIVE_TOPIC])]
  return { ok: false, reason: `live feed not consuming ${missing.join(' and ')} (topic missing or Kafka unreachable?)` }
}

if (process.argv.includes('--help')) {
  console.log(HELP)
  process.exit(0)
}

await runService(
  async () => {
    const config = loadConfig(apiConfigSchema)
    const logger = createLogger({ name: 'api', level: config.LOG_LEVEL })
    const registry = loadRegistries(config.REGISTRY_PATH)
    let api: Api | undefined
    let ops: OpsServer | undefined
    const lifecycle = createLifecycle({ logger })
      .add('ops-server', {
        start: async () => void (ops = await startOpsServer({ port: config.HTTP_PORT, host: config.HTTP_HOST, logger, metrics: createMetricsRegistry(), readiness: { started: () => lifecycle.state === 'started', live: () => liveReadiness(api?.liveFeeds, config) } })),
        stop: async () => ops?.stop(),
      })
      .add('http', { start: async () => void (api = await startApi({ config, logger, registry })), stop: async () => api?.stop() })
    lifecycle.handleSignals({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS })
    await lifecycle.start()
  },
  { name: 'api' },
)
