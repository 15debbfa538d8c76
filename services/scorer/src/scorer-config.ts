import { durationMsFromEnv, influxEnv, intFromEnv, kafkaEnv, opsEnv, portFromEnv } from '@millstream/runtime'
import { KAFKA_TOPICS } from '@millstream/contract'
import { z } from 'zod'

/** Every variable the scorer reads (services/scorer/README.md). */
export const scorerConfigSchema = z.object({
  ...kafkaEnv,
  ...influxEnv,
  ...opsEnv,
  HTTP_PORT: portFromEnv().default(9103),
  SCORER_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/).default(KAFKA_TOPICS.scores),
  /** Compacted topic of the firm, cluster and product-family roll-ups. */
  SCORER_ROLLUP_TOPIC: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/).default(KAFKA_TOPICS.scoreRollups),
  /** Energy benchmark rows (JSON, contract benchmarkSetSchema); default: seeds/benchmarks.json. */
  BENCHMARKS_PATH: z.string().optional(),
  /**
   * Wait after a day or month ends before scoring it: longer than the aggregator's allowed lateness
   * (5 min) + idle finalization (10 min) + partition grace (1 h), so its minutes and hours are final.
   */
  SCORER_SETTLE: durationMsFromEnv().default(90 * 60_000),
  /** Wait after an hour ends before the rolling 24 h score (its last hour read from minutes). */
  SCORER_HOURLY_SETTLE: durationMsFromEnv().default(20 * 60_000),
  /** How far back catch-up looks for missed periods, and the most periods per job it scores. */
  SCORER_CATCH_UP: durationMsFromEnv().default(35 * 24 * 3_600_000),
  SCORER_MAX_CATCH_UP: intFromEnv({ min: 1 }).default(200),
  SCORER_RETRIES: intFromEnv({ min: 0 }).default(5),
  /** Comma-separated registry files; default: the demo plants in seeds/. */
  REGISTRY_PATH: z.string().optional(),
})
export type ScorerConfig = z.infer<typeof scorerConfigSchema>
