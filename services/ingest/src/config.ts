import { hostname } from 'node:os'
import { durationMsFromEnv, intFromEnv, kafkaEnv, mqttEnv, opsEnv, portFromEnv } from '@millstream/runtime'
import { KAFKA_TOPICS } from '@millstream/contract'
import { z } from 'zod'

/** Every variable ingest reads (docs/ingest.md, "Configuration"). */
export const ingestConfigSchema = z.object({
  ...kafkaEnv,
  ...mqttEnv,
  ...opsEnv,
  HTTP_PORT: portFromEnv().default(9101),
  MQTT_USERNAME: z.string().default('ingest'),
  MQTT_CA_FILE: z.string().optional(),
  /** Fixed per instance: the broker keeps this client's session (and messages) while it is down. */
  INGEST_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default(`ingest-${hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40)}`),
  /** Instances with the same share group split the stream (MQTT 5 shared subscription). */
  INGEST_SHARE_GROUP: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('millstream-ingest'),
  INGEST_SESSION_EXPIRY: durationMsFromEnv().default(7 * 24 * 3600 * 1000),
  /** MQTT connections per instance, all in the share group; the window applies to each. */
  INGEST_CONNECTIONS: intFromEnv({ min: 1, max: 16 }).default(1),
  INGEST_MAX_INFLIGHT: intFromEnv({ min: 1, max: 65535 }).default(10_000),
  INGEST_MAX_PAYLOAD_BYTES: intFromEnv({ min: 64 }).default(16 * 1024),
  INGEST_MAX_FUTURE_SKEW: durationMsFromEnv().default(5 * 60_000),
  INGEST_MAX_BATCH: intFromEnv({ min: 1 }).default(5000),
  /** Topic overrides, for isolated tests and benchmarks; the defaults are the v1 contract's. */
  INGEST_TELEMETRY_TOPIC: z.string().min(1).default(KAFKA_TOPICS.telemetry),
  INGEST_DLQ_TOPIC: z.string().min(1).default(KAFKA_TOPICS.telemetryDlq),
  /** Comma-separated registry files; default: the demo plants in seeds/. */
  REGISTRY_PATH: z.string().optional(),
})
export type IngestConfig = z.infer<typeof ingestConfigSchema>
