import type { MetricsRegistry } from '@millstream/runtime'

/** The aggregator's Prometheus metrics (docs/aggregator.md, "Metrics"). */
export function createAggregatorMetrics(registry: MetricsRegistry) {
  return {
    records: registry.counter({
      name: 'millstream_aggregator_records_total',
      help: 'Input samples by outcome (each sample of a device batch record; a record refused whole counts once): accepted (in order), late (accepted out of order), duplicate, too_late, rejected',
      labelNames: ['outcome'] as const,
    }),
    deadLettered: registry.counter({ name: 'millstream_aggregator_dead_lettered_total', help: 'Records committed to the dead-letter topic, by reason', labelNames: ['reason'] as const }),
    anomalies: registry.counter({ name: 'millstream_aggregator_anomalies_total', help: 'Register discontinuities committed to the anomaly topic (intervals not counted), by reason', labelNames: ['reason'] as const }),
    pointsWritten: registry.counter({ name: 'millstream_aggregator_points_written_total', help: 'Points written to InfluxDB (corrections and replays included)' }),
    liveRecords: registry.counter({ name: 'millstream_aggregator_live_records_total', help: 'Minute records committed to the live topic' }),
    influxWrite: registry.histogram({
      name: 'millstream_aggregator_influx_write_seconds',
      help: 'Duration of the InfluxDB writes of one step',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    influxFailures: registry.counter({ name: 'millstream_aggregator_influx_failures_total', help: 'Steps whose InfluxDB write failed (retried with backoff)' }),
    steps: registry.counter({ name: 'millstream_aggregator_steps_total', help: 'Committed steps (InfluxDB writes, then one Kafka transaction)' }),
    stepSeconds: registry.histogram({
      name: 'millstream_aggregator_step_seconds',
      help: 'Duration of a committed step, InfluxDB write and Kafka transaction',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    taskFailures: registry.counter({ name: 'millstream_aggregator_task_failures_total', help: 'Partition tasks dropped after a Kafka failure or fencing (restored again)', labelNames: ['reason'] as const }),
    rollupHours: registry.counter({ name: 'millstream_aggregator_rollup_hours_total', help: 'Plant hours whose line and plant roll-ups the roll-up stage summed and wrote' }),
    machineHoursSent: registry.counter({ name: 'millstream_aggregator_machine_hours_sent_total', help: 'Plant hours committed to the machine-hours topic for the roll-up stage (a step that rewrote an hour sends it again)' }),
    rollupDelay: registry.histogram({
      name: 'millstream_aggregator_rollup_delay_seconds',
      help: 'From a machine-hours record reaching Kafka until its plant hour\'s roll-ups are written',
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    }),
    rollupSkipped: registry.counter({ name: 'millstream_aggregator_rollup_skipped_total', help: 'Records on the machine-hours topic the roll-up stage skipped: malformed, or of a plant outside its registry', labelNames: ['reason'] as const }),
    rollupSeconds: registry.histogram({ name: 'millstream_aggregator_rollup_batch_seconds', help: 'Summing and writing the roll-ups of one batch of machine-hours records', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] }),
    restoreSeconds: registry.histogram({ name: 'millstream_aggregator_restore_seconds', help: 'Opening partitions: fencing and reading the state changelog', buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] }),
  }
}
export type AggregatorMetrics = ReturnType<typeof createAggregatorMetrics>
