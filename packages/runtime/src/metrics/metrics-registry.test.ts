import { describe, expect, it } from 'vitest'
import { createMetricsRegistry } from './metrics-registry.ts'

const bare = () => createMetricsRegistry({ processMetrics: false })

describe('createMetricsRegistry', () => {
  it('renders counters and gauges in the 0.0.4 text format', async () => {
    const registry = bare()
    const received = registry.counter({ name: 'millstream_ingest_messages_total', help: 'Messages received.', labelNames: ['channel'] as const })
    const inflight = registry.gauge({ name: 'millstream_ingest_inflight', help: 'Messages awaiting the Kafka ack.' })
    received.inc({ channel: 'state' })
    received.inc({ channel: 'count' }, 2)
    received.inc({ channel: 'state' })
    inflight.set(7)
    inflight.dec(2)
    const text = await registry.render()
    expect(text).toContain('# TYPE millstream_ingest_messages_total counter\nmillstream_ingest_messages_total{channel="state"} 2\nmillstream_ingest_messages_total{channel="count"} 2\n')
    expect(text).toContain('# TYPE millstream_ingest_inflight gauge\nmillstream_ingest_inflight 5\n')
    expect(registry.contentType).toBe('text/plain; version=0.0.4; charset=utf-8')
  })

  it('renders a histogram with the buckets it was given, cumulative, with sum and count', async () => {
    const registry = bare()
    const latency = registry.histogram({ name: 'millstream_write_seconds', help: 'Write latency.', labelNames: ['target'] as const, buckets: [0.1, 0.5, 1] })
    for (const seconds of [0.05, 0.1, 0.3, 0.7, 2]) latency.observe({ target: 'influx' }, seconds)
    const text = await registry.render()
    expect(text).toContain('millstream_write_seconds_bucket{le="0.1",target="influx"} 2\n')
    expect(text).toContain('millstream_write_seconds_bucket{le="1",target="influx"} 4\n')
    expect(text).toContain('millstream_write_seconds_bucket{le="+Inf",target="influx"} 5\n')
    expect(text).toContain('millstream_write_seconds_count{target="influx"} 5\n')
  })

  it('calls collect callbacks at each scrape', async () => {
    const registry = bare()
    let lagMessages = 3
    registry.gauge({ name: 'lag', help: 'Lag.', collect: (gauge) => gauge.set(lagMessages) })
    expect(await registry.render()).toContain('lag 3\n')
    lagMessages = 9
    expect(await registry.render()).toContain('lag 9\n')
  })

  it('refuses a counter not named with _total and a name registered twice', () => {
    const registry = bare()
    expect(() => registry.counter({ name: 'messages', help: 'x' })).toThrow('must end in _total')
    registry.gauge({ name: 'dup_total', help: 'x' })
    expect(() => registry.counter({ name: 'dup_total', help: 'x' })).toThrow(/already been registered/)
  })

  it('carries the default process and event-loop metrics unless told not to', async () => {
    const text = await createMetricsRegistry().render()
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toContain(`# TYPE ${name} `)
    }
    expect(await bare().render()).not.toContain('process_cpu_seconds_total')
  })
})
