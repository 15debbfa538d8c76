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
  /** plaintext (a private network), ssl (TLS), or sasl_ssl (TLS and a SCRAM user per service). */
  KAFKA_SECURITY: z.enum(['plaintext', 'ssl', 'sasl_ssl']).default('plaintext'),
  /** PEM bundle of the CA that signed the brokers' certificates; default: the system's CAs. */
  KAFKA_CA_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** The password is read from a file (a mounted secret), never from the environment or logs. */
  KAFKA_SASL_PASSWORD_FILE: z.string().min(1).optional(),
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
  /** The minute tier (`*_minute`, intake, process events); its retention is the bucket's (docs/operations.md "Retention"). */
  INFLUX_BUCKET: z.string(),
  /** The long-lived tier (`*_hour` roll-ups and scores); default: INFLUX_BUCKET, one bucket for everything. */
  INFLUX_ROLLUP_BUCKET: z.string().min(1).optional(),
}

/** The buckets of each tier (@millstream/contract `InfluxBuckets`): the rollup bucket defaults to the minute bucket. */
export function influxBucketsOf(config: { INFLUX_BUCKET: string; INFLUX_ROLLUP_BUCKET?: string | undefined }): { minutes: string; rollups: string } {
  return { minutes: config.INFLUX_BUCKET, rollups: config.INFLUX_ROLLUP_BUCKET ?? config.INFLUX_BUCKET }
}

/** Kubernetes sends SIGKILL 30 s after SIGTERM by default; the drain must end well before. */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 20_000

export const opsEnv = {
  LOG_LEVEL: logLevelSchema.default('info'),
  HTTP_PORT: portFromEnv(),
  HTTP_HOST: z.string().default('127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: durationMsFromEnv().default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
}
