import { hostname } from 'node:os'
import { boolFromEnv, durationMsFromEnv, intFromEnv, kafkaEnv, mqttEnv, opsEnv, portFromEnv } from '@millstream/runtime'
import { KAFKA_TOPICS } from '@millstream/contract'
import { z } from 'zod'
import { MAX_PAYLOAD_BYTES_CEILING } from './record-limits.ts'

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
  /** Larger payloads are dead-lettered with this many of their bytes (record-limits.ts bounds it). */
  INGEST_MAX_PAYLOAD_BYTES: intFromEnv({ min: 64, max: MAX_PAYLOAD_BYTES_CEILING }).default(16 * 1024),
  INGEST_MAX_FUTURE_SKEW: durationMsFromEnv().default(5 * 60_000),
  /** Earliest accepted `ts`: 2020-01-01, before any plant of the platform sent data (issue 10). */
  INGEST_MIN_TS: z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s)) && /([Zz]|[+-]\d{2}:\d{2})$/.test(s), 'must be an RFC 3339 time with offset, e.g. 2020-01-01T00:00:00Z')
    .transform((s) => Date.parse(s))
    .default(Date.parse('2020-01-01T00:00:00Z')),
  /** Pause between MQTT reconnect attempts (the window in which publishes get PUBACK 16 after a broker restart). */
  INGEST_MQTT_RECONNECT_PERIOD: durationMsFromEnv().default(100),
  /** MQTT keepalive: the client pings after this long without a packet from the broker (docs/ingest.md). */
  INGEST_MQTT_KEEPALIVE: durationMsFromEnv().default(60_000),
  INGEST_MAX_BATCH: intFromEnv({ min: 1 }).default(5000),
  /** Topic overrides, for isolated tests and benchmarks; the defaults are the v1 contract's. */
  INGEST_TELEMETRY_TOPIC: z.string().min(1).default(KAFKA_TOPICS.telemetry),
  INGEST_DLQ_TOPIC: z.string().min(1).default(KAFKA_TOPICS.telemetryDlq),
  /** The Sparkplug B host application (docs/sparkplug.md): off unless asked for. */
  INGEST_SPARKPLUG: boolFromEnv().default(false),
  /** Its host id: the retained spBv1.0/STATE/{id} edge nodes watch for their primary host. */
  INGEST_SPARKPLUG_HOST_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('millstream'),
  /** At most one rebirth request per edge node in this interval. */
  INGEST_SPARKPLUG_REBIRTH_INTERVAL: durationMsFromEnv().default(5000),
  /** The compacted topic of the Sparkplug devices' alias tables (their last DBIRTH), read at start. */
  INGEST_SPARKPLUG_BIRTHS_TOPIC: z.string().min(1).default(KAFKA_TOPICS.sparkplugBirths),
  /** Metrics per Sparkplug payload beyond which it is dead-lettered whole. */
  INGEST_SPARKPLUG_MAX_METRICS: intFromEnv({ min: 1, max: 100_000 }).default(2000),
  /** The Sparkplug mapping (seeds/sparkplug.json by default), validated against the registry at start. */
  SPARKPLUG_MAPPING_PATH: z.string().optional(),
  /** Comma-separated registry files; default: the demo plants in seeds/. */
  REGISTRY_PATH: z.string().optional(),
})
export type IngestConfig = z.infer<typeof ingestConfigSchema>
