import { createMetricsRegistry } from '@millstream/runtime'
import { describe, expect, it } from 'vitest'
import { createIngestMetrics } from './ingest-metrics.ts'

describe('ingest metrics', () => {
  it('expose the newest record time of each plant, in seconds, one series per firm and plant', async () => {
    const registry = createMetricsRegistry({ processMetrics: false })
    const metrics = createIngestMetrics(registry)
    metrics.plantRecord('dean-textile', 'dean-1', 1_700_000_000_000)
    metrics.plantRecord('dean-textile', 'dean-2', 1_700_000_030_500)
    metrics.plantRecord('dean-textile', 'dean-1', 1_700_000_060_000)
    const lines = (await registry.render()).split('\n').filter((l: string) => l.startsWith('millstream_ingest_plant_last_record_timestamp_seconds'))
    expect(lines.sort()).toEqual([
      'millstream_ingest_plant_last_record_timestamp_seconds{firm="dean-textile",plant="dean-1"} 1700000060',
      'millstream_ingest_plant_last_record_timestamp_seconds{firm="dean-textile",plant="dean-2"} 1700000030.5',
    ])
  })
})
