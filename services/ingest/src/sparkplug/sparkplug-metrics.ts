import type { MetricsRegistry } from '@millstream/runtime'

/** What the Sparkplug host counts beside ingest's own series (docs/sparkplug.md, "Metrics"). */
export function createSparkplugMetrics(registry: MetricsRegistry) {
  return {
    messages: registry.counter({ name: 'millstream_ingest_sparkplug_messages_total', help: 'Sparkplug B messages received, by message type', labelNames: ['type'] as const }),
    rebirthRequests: registry.counter({ name: 'millstream_ingest_sparkplug_rebirth_requests_total', help: 'NCMD Node Control/Rebirth sent, by why (no_birth, unknown_alias, seq_gap, restored)', labelNames: ['why'] as const }),
    rebirthSuppressed: registry.counter({ name: 'millstream_ingest_sparkplug_rebirth_suppressed_total', help: 'Rebirth requests not sent because one went to the node within the interval' }),
    seqGaps: registry.counter({ name: 'millstream_ingest_sparkplug_seq_gaps_total', help: 'Messages whose seq was not the next of their edge node' }),
    deaths: registry.counter({ name: 'millstream_ingest_sparkplug_deaths_total', help: 'Edge node (NDEATH, the will included) and device (DDEATH) deaths that ended a session', labelNames: ['scope'] as const }),
    staleDeaths: registry.counter({ name: 'millstream_ingest_sparkplug_stale_deaths_total', help: 'NDEATHs ignored because their bdSeq is not the living session\'s (a will from an earlier connection)' }),
    ignoredMetrics: registry.counter({ name: 'millstream_ingest_sparkplug_ignored_metrics_total', help: 'Metrics with names the mapping does not know, or parts without their reading (report by exception)' }),
  }
}
export type SparkplugMetrics = ReturnType<typeof createSparkplugMetrics>
