import { influxEnv, kafkaEnv, opsEnv, durationMsFromEnv, intFromEnv, portFromEnv } from '@millstream/runtime'
import { z } from 'zod'

export const apiConfigSchema = z.object({
  ...influxEnv,
  ...kafkaEnv,
  ...opsEnv,
  HTTP_PORT: portFromEnv().default(9104),
  API_PORT: portFromEnv().default(8080),
  API_HOST: z.string().default('127.0.0.1'),
  /** Where the user store (users.json) lives. */
  API_DATA_DIR: z.string().default('.run/api'),
  /** HS256 secret for people's session tokens; at least 32 characters. */
  API_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  API_SESSION_TTL: durationMsFromEnv().default(15 * 60_000),
  API_QUERY_TIMEOUT: durationMsFromEnv().default(20_000),
  API_MAX_RANGE_DAYS: intFromEnv({ min: 1 }).default(400),
  /** Report windows (minutes, hours, shifts, days, months) one request may ask for. */
  API_MAX_WINDOWS: intFromEnv({ min: 1 }).default(1500),
  /** Rows one answer may hold: windows × groups (lines, machines, devices). */
  API_MAX_POINTS: intFromEnv({ min: 1 }).default(50_000),
  /** Answers of settled ranges (ended before the store's hour lag) kept in memory, in rows; 0 turns the cache off. */
  API_CACHE_ROWS: intFromEnv({ min: 0 }).default(200_000),
  /** Lifetime of a cached answer: a backfill of a settled range shows within it. */
  API_CACHE_TTL: durationMsFromEnv().default(15 * 60_000),
  API_SIGN_IN_PER_MINUTE: intFromEnv({ min: 1 }).default(10),
  API_CORS_ORIGINS: z.string().default(''),
  API_LIVE_TOPIC: z.string().default('mill.machine-minute.v1'),
  API_TELEMETRY_TOPIC: z.string().default('mill.telemetry.v1'),
  API_SSE_HEARTBEAT: durationMsFromEnv().default(15_000),
  /** Events kept per plant for Last-Event-ID resume. */
  API_SSE_BUFFER: intFromEnv({ min: 1 }).default(5000),
  /** Unread bytes after which a slow SSE client is dropped. */
  API_SSE_MAX_PENDING_BYTES: intFromEnv({ min: 1024 }).default(1024 * 1024),
  /** A machine not heard from for this long shows `no_data`, not its last state. */
  API_LIVE_STALE: durationMsFromEnv().default(5 * 60_000),
  REGISTRY_PATH: z.string().optional(),
  /** Energy benchmark rows (contract benchmarkSetSchema), the scorer's variable: default seeds/benchmarks.json. */
  BENCHMARKS_PATH: z.string().optional(),
  /** The reports directory the reports service writes (services/reports; docs/reports.md). */
  API_REPORTS_DIR: z.string().default('.run/reports'),
  /** The dashboard's built files (default: services/dashboard/dist of this repository); `off`: not served. */
  API_DASHBOARD_DIR: z.string().min(1).optional(),
})
export type ApiConfig = z.infer<typeof apiConfigSchema>
