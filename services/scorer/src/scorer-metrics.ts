import type { MetricsRegistry } from '@millstream/runtime'

/** The `outcome` label of millstream_scorer_runs_total; the alert rules match these values (test/deploy/metric-names.test.ts). */
export const SCORER_RUN_OUTCOMES = ['ok', 'failed', 'retried', 'skipped_overlap'] as const
/** The `job` label: a score period, or a backfill. */
export const SCORER_JOBS = ['rolling_24h', 'day', 'month', 'backfill'] as const

/** Names shared with the alert rules (issue 12): keep them stable. */
export function createScorerMetrics(registry: MetricsRegistry) {
  return {
    runs: registry.counter<'job' | 'outcome'>({ name: 'millstream_scorer_runs_total', help: 'Scoring runs by job (rolling_24h, day, month, backfill) and outcome (ok, failed, retried, skipped_overlap).', labelNames: ['job', 'outcome'] }),
    lastSuccess: registry.gauge<'job'>({ name: 'millstream_scorer_last_success_timestamp_seconds', help: 'Unix time of the last run of a job that ended ok.', labelNames: ['job'] }),
    duration: registry.histogram<'job'>({ name: 'millstream_scorer_run_duration_seconds', help: 'Duration of a scoring run, retries included.', labelNames: ['job'], buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800] }),
    plantsScored: registry.counter<'job'>({ name: 'millstream_scorer_plants_scored_total', help: 'Plant-period score records written.', labelNames: ['job'] }),
    notEnoughData: registry.counter<'job' | 'kind'>({ name: 'millstream_scorer_plants_without_enough_data_total', help: 'Plant-period scores withheld for lack of data, by score kind.', labelNames: ['job', 'kind'] }),
  }
}
export type ScorerMetrics = ReturnType<typeof createScorerMetrics>
