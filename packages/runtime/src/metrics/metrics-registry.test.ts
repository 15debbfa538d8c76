import { describe, expect, it } from 'vitest'
import { createMetricsRegistry } from './metrics-registry.ts'

describe('createMetricsRegistry', () => {
  it('renders counters and gauges in the 0.0.4 text format, in registration order', () => {
    const registry = createMetricsRegistry()
    const received = registry.counter({ name: 'millstream_ingest_messages_total', help: 'Messages received.', labelNames: ['channel'] })
    const inflight = registry.gauge({ name: 'millstream_ingest_inflight', help: 'Messages awaiting the Kafka ack.' })
    received.inc({ channel: 'state' })
    received.inc({ channel: 'count' }, 2)
    received.inc({ channel: 'state' })
    inflight.set(7)
    inflight.dec(2)

    expect(registry.render()).toBe(
      [
        '# HELP millstream_ingest_messages_total Messages received.',
        '# TYPE millstream_ingest_messages_total counter',
        'millstream_ingest_messages_total{channel="state"} 2',
        'millstream_ingest_messages_total{channel="count"} 2',
        '# HELP millstream_ingest_inflight Messages awaiting the Kafka ack.',
        '# TYPE millstream_ingest_inflight gauge',
        'millstream_ingest_inflight 5',
        '',
      ].join('\n'),
    )
  })

  it('renders a histogram with cumulative buckets, +Inf, sum and count', () => {
    const registry = createMetricsRegistry()
    const latency = registry.histogram({ name: 'millstream_write_seconds', help: 'Write latency.', labelNames: ['target'], buckets: [0.1, 0.5, 1] })
    for (const seconds of [0.05, 0.1, 0.3, 0.7, 2]) latency.observe({ target: 'influx' }, seconds)

    expect(registry.render()).toBe(
      [
        '# HELP millstream_write_seconds Write latency.',
        '# TYPE millstream_write_seconds histogram',
        'millstream_write_seconds_bucket{target="influx",le="0.1"} 2',
        'millstream_write_seconds_bucket{target="influx",le="0.5"} 3',
        'millstream_write_seconds_bucket{target="influx",le="1"} 4',
        'millstream_write_seconds_bucket{target="influx",le="+Inf"} 5',
        'millstream_write_seconds_sum{target="influx"} 3.15',
        'millstream_write_seconds_count{target="influx"} 5',
        '',
      ].join('\n'),
    )
  })

  it('renders unlabelled metrics as zero before their first update', () => {
    const registry = createMetricsRegistry()
    registry.counter({ name: 'a_total', help: 'A.' })
    registry.histogram({ name: 'b_seconds', help: 'B.', buckets: [1] })
    expect(registry.render()).toContain('a_total 0\n')
    expect(registry.render()).toContain('b_seconds_bucket{le="1"} 0\nb_seconds_bucket{le="+Inf"} 0\nb_seconds_sum 0\nb_seconds_count 0\n')
  })

  it('escapes backslash, quote and newline in label values, and backslash and newline in help', () => {
    const registry = createMetricsRegistry()
    const rejected = registry.counter({ name: 'rejected_total', help: 'Rejected\\dead-lettered\nmessages "by reason".', labelNames: ['reason'] })
    rejected.inc({ reason: 'a\\b "c"\nd' })
    expect(registry.render()).toBe(
      [
        '# HELP rejected_total Rejected\\\\dead-lettered\\nmessages "by reason".',
        '# TYPE rejected_total counter',
        'rejected_total{reason="a\\\\b \\"c\\"\\nd"} 1',
        '',
      ].join('\n'),
    )
  })

  it('renders special values as Prometheus spells them', () => {
    const registry = createMetricsRegistry()
    const gauge = registry.gauge({ name: 'g', help: 'G.', labelNames: ['k'] })
    gauge.set({ k: 'nan' }, Number.NaN)
    gauge.set({ k: 'inf' }, Number.POSITIVE_INFINITY)
    gauge.set({ k: 'ninf' }, Number.NEGATIVE_INFINITY)
    expect(registry.render()).toContain('g{k="nan"} NaN\ng{k="inf"} +Inf\ng{k="ninf"} -Inf\n')
  })

  it('calls collect callbacks at render time', () => {
    const registry = createMetricsRegistry()
    let lagMessages = 3
    registry.gauge({ name: 'lag', help: 'Lag.', collect: (gauge) => gauge.set(lagMessages) })
    expect(registry.render()).toContain('lag 3\n')
    lagMessages = 9
    expect(registry.render()).toContain('lag 9\n')
  })

  it('renders nothing for an empty registry', () => {
    expect(createMetricsRegistry().render()).toBe('')
  })

  it('refuses a name registered twice', () => {
    const registry = createMetricsRegistry()
    registry.gauge({ name: 'dup_total', help: 'x' })
    expect(() => registry.counter({ name: 'dup_total', help: 'x' })).toThrow('metric dup_total is already registered')
  })
})
