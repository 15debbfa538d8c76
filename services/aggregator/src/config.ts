import { hostname } from 'node:os'
import { KAFKA_TOPICS } from '@millstream/contract'
import { DEFAULT_CONSTANTS } from '@millstream/metrics'
import { boolFromEnv, durationMsFromEnv, influxEnv, intFromEnv, kafkaEnv, opsEnv, portFromEnv } from '@millstream/runtime'
import { z } from 'zod'

const topicName = z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name')

/** Every variable the aggregator reads (docs/aggregator.md, "Configuration"). */
export const aggregatorConfigSchema = z
  .object({
    ...kafkaEnv,
    ...influxEnv,
    ...opsEnv,
    HTTP_PORT: portFromEnv().default(9102),
    /** Instances with the same group split the input partitions. */
    AGG_GROUP_ID: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).default('millstream-aggregator'),
    AGG_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).default(`aggregator-${hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40)}`),
    AGG_INPUT_TOPIC: topicName.default(KAFKA_TOPICS.telemetry),
    AGG_CHANGELOG_TOPIC: topicName.default(KAFKA_TOPICS.aggregatorState),
    AGG_LIVE_TOPIC: topicName.default(KAFKA_TOPICS.machineMinute),
    AGG_DLQ_TOPIC: topicName.default(KAFKA_TOPICS.telemetryDlq),
    /** Intervals not counted because a register jumped or went back (issue 9), with their raw readings. */
    AGG_ANOMALY_TOPIC: topicName.default(KAFKA_TOPICS.telemetryAnomaly),
    /** Plant hours whose machine hours were written, for the line roll-up stage (issue 13). */
    AGG_MACHINE_HOURS_TOPIC: topicName.default(KAFKA_TOPICS.machineHours),
    /**
     * Run the line roll-up stage in this process: it sums each written plant hour's machine hours
     * by line and plant into `line_hour` / `plant_hour` (docs/aggregator.md "Line and plant roll-ups").
     */
    AGG_LINE_ROLLUP: boolFromEnv().default(true),
    AGG_ALLOWED_LATENESS: durationMsFromEnv().default(5 * 60_000),
    /** The domain's default (constant stalenessMs): one figure, in ms, for code, config and docs. */
    AGG_STALENESS: durationMsFromEnv().default(DEFAULT_CONSTANTS.stalenessMs.value),
    AGG_MAX_SPREAD: durationMsFromEnv().default(5 * 60_000),
    AGG_SILENT_HORIZON: durationMsFromEnv().default(60 * 60_000),
    AGG_PARTITION_GRACE: durationMsFromEnv().default(60 * 60_000),
    AGG_EMIT_DELAY: durationMsFromEnv().default(2_000),
    /** A caught-up partition without records this long has its progress moved on by the clock. */
    AGG_IDLE_ADVANCE: durationMsFromEnv().default(5_000),
    /**
     * A caught-up partition without records this long takes the wall clock as its time, so that its
     * devices' minutes and hours become final as the partition grace runs out (issue 9).
     */
    AGG_IDLE_FINALIZE: durationMsFromEnv().default(10 * 60_000),
    AGG_COMMIT_INTERVAL: durationMsFromEnv().default(1_000),
    AGG_MAX_PENDING_POINTS: intFromEnv({ min: 1 }).default(20_000),
    /** Partitions whose fetched batches are applied at once: 12, every partition of the default input topic (docs/performance.md, "Larger fetches"). */
    AGG_CONCURRENT_PARTITIONS: intFromEnv({ min: 1, max: 64 }).default(12),
    /**
     * The most input one fetch brings of one partition, and of all together (Kafka's
     * `max.partition.fetch.bytes` and `fetch.max.bytes`; the broker's own `fetch.max.bytes`, 55 MiB
     * by default, caps the second). kafkajs fetches again only once every batch of a fetch is
     * applied and stepped: during a catch-up, larger fetches mean fewer steps and less waiting on
     * them (docs/performance.md, "Larger fetches").
     */
    AGG_FETCH_PARTITION_BYTES: intFromEnv({ min: 1_024, max: 64 * 2 ** 20 }).default(8 * 2 ** 20),
    AGG_FETCH_BYTES: intFromEnv({ min: 1_024, max: 256 * 2 ** 20 }).default(48 * 2 ** 20),
    AGG_INFLUX_TIMEOUT: durationMsFromEnv().default(10_000),
    AGG_INFLUX_BATCH_LINES: intFromEnv({ min: 1 }).default(5_000),
    AGG_SESSION_TIMEOUT: durationMsFromEnv().default(30_000),
    AGG_TRANSACTION_TIMEOUT: durationMsFromEnv().default(60_000),
    /** A new group without committed offsets or state starts at the oldest record kept. */
    AGG_FROM_BEGINNING: boolFromEnv().default(true),
    /** Comma-separated registry files; default: the demo plants in seeds/. */
    REGISTRY_PATH: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.AGG_PARTITION_GRACE < c.AGG_ALLOWED_LATENESS) {
      ctx.addIssue({ code: 'custom', path: ['AGG_PARTITION_GRACE'], message: 'must be at least AGG_ALLOWED_LATENESS' })
    }
    if (c.AGG_MAX_SPREAD < 1) ctx.addIssue({ code: 'custom', path: ['AGG_MAX_SPREAD'], message: 'must be at least 1ms' })
    if (c.AGG_FETCH_BYTES < c.AGG_FETCH_PARTITION_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['AGG_FETCH_BYTES'], message: 'must be at least AGG_FETCH_PARTITION_BYTES' })
    }
    if (c.AGG_TRANSACTION_TIMEOUT <= c.AGG_INFLUX_TIMEOUT) {
      ctx.addIssue({ code: 'custom', path: ['AGG_TRANSACTION_TIMEOUT'], message: 'must be longer than AGG_INFLUX_TIMEOUT (a transaction spans one write)' })
    }
  })
export type AggregatorConfig = z.infer<typeof aggregatorConfigSchema>
