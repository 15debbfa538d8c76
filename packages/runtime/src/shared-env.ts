import { z } from 'zod'
import {
  durationMsFromEnv,
  httpUrlSchema,
  kafkaBrokersSchema,
  logLevelSchema,
  mqttUrlSchema,
  portFromEnv,
} from './env-fields.ts'

/*
 * The variables every service spells the same way (docs/operations.md lists them). Spread the
 * groups a service needs into its own schema:
 *   z.object({ ...kafkaEnv, ...opsEnv, INGEST_MAX_INFLIGHT: intFromEnv({ min: 1 }).default(1000) })
 * A service may override one field, e.g. `HTTP_PORT: portFromEnv().default(9101)`.
 */

export const kafkaEnv = {
  KAFKA_BROKERS: kafkaBrokersSchema,
}

export const mqttEnv = {
  MQTT_URL: mqttUrlSchema,
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
}

export const influxEnv = {
  INFLUX_URL: httpUrlSchema,
  INFLUX_TOKEN: z.string(),
  INFLUX_ORG: z.string(),
  INFLUX_BUCKET: z.string(),
}

/** Kubernetes sends SIGKILL 30 s after SIGTERM by default; the drain must end well before. */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000

export const opsEnv = {
  LOG_LEVEL: logLevelSchema.default('info'),
  HTTP_PORT: portFromEnv(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: durationMsFromEnv().default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
}
