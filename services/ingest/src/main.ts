import { readFileSync } from 'node:fs'
import { loadConfig, createLogger, runService } from '@millstream/runtime'
import { loadRegistries, loadSparkplugMapping } from '@millstream/seeds'
import { ingestConfigSchema } from './config.ts'
import { createIngest } from './app.ts'

const HELP = `Usage: pnpm --filter @millstream/ingest start

Bridges MQTT telemetry (mill/v1/...) into Kafka (mill.telemetry.v1), dead-letters bad input
(mill.telemetry.dlq.v1), and acknowledges each MQTT message only after Kafka has it.
Configuration is read from the environment; docs/ingest.md lists every variable:
  KAFKA_BROKERS, MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD, MQTT_CA_FILE, REGISTRY_PATH,
  INGEST_CLIENT_ID, INGEST_SHARE_GROUP, INGEST_MAX_INFLIGHT, INGEST_MAX_PAYLOAD_BYTES,
  INGEST_MAX_FUTURE_SKEW, INGEST_MIN_TS, INGEST_MQTT_RECONNECT_PERIOD, INGEST_MQTT_KEEPALIVE,
  INGEST_SESSION_EXPIRY, INGEST_MAX_BATCH, INGEST_CONNECTIONS, HTTP_PORT, HTTP_HOST, LOG_LEVEL; the Sparkplug B host
  (docs/sparkplug.md): INGEST_SPARKPLUG, INGEST_SPARKPLUG_HOST_ID, INGEST_SPARKPLUG_REBIRTH_INTERVAL,
  INGEST_SPARKPLUG_MAX_METRICS, SPARKPLUG_MAPPING_PATH.`

if (process.argv.includes('--help')) {
  console.log(HELP)
  process.exit(0)
}

await runService(
  async () => {
    const config = loadConfig(ingestConfigSchema)
    const logger = createLogger({ name: 'ingest', level: config.LOG_LEVEL })
    const registry = loadRegistries(config.REGISTRY_PATH)
    const password = config.MQTT_PASSWORD ?? readPasswordFile()
    const sparkplugNodes = config.INGEST_SPARKPLUG ? loadSparkplugMapping(registry, config.SPARKPLUG_MAPPING_PATH) : undefined
    const ingest = createIngest({ config, logger, registry, mqttPassword: password, ...(sparkplugNodes ? { sparkplugNodes } : {}) })
    ingest.handleSignals(config.SHUTDOWN_TIMEOUT_MS)
    await ingest.start()
  },
  { name: 'ingest' },
)

function readPasswordFile(): string {
  const file = process.env.MQTT_PASSWORD_FILE
  if (!file) throw new Error('MQTT_PASSWORD or MQTT_PASSWORD_FILE must be set')
  return readFileSync(file, 'utf8').trim()
}
