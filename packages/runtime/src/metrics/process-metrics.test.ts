import { describe, expect, it } from 'vitest'
import { createMetricsRegistry } from './metrics-registry.ts'
import { registerProcessMetrics } from './process-metrics.ts'

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  if (line === undefined) throw new Error(`no sample ${series}`)
  return Number(line.slice(series.length + 1))
}

describe('registerProcessMetrics', () => {
  it('reports memory, CPU, start time, uptime and event loop delay with their conventional types', () => {
    const registry = createMetricsRegistry()
    const processMetrics = registerProcessMetrics(registry)
    try {
      const text = registry.render()
      expect(text).toContain('# TYPE process_cpu_seconds_total counter')
      expect(text).toContain('# TYPE process_resident_memory_bytes gauge')
      expect(text).toContain('# TYPE nodejs_eventloop_delay_seconds gauge')
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(1_000_000)
      expect(sample(text, 'process_cpu_seconds_total{mode="user"}')).toBeGreaterThan(0)
      expect(sample(text, 'process_uptime_seconds')).toBeGreaterThan(0)
      expect(Math.abs(sample(text, 'process_start_time_seconds') - (Date.now() / 1000 - process.uptime()))).toBeLessThan(2)
      expect(sample(text, 'nodejs_eventloop_delay_seconds{stat="p99"}')).toBeGreaterThanOrEqual(0)
    } finally {
      processMetrics.stop()
    }
  })

  it('never lets CPU seconds go down between scrapes', () => {
    const registry = createMetricsRegistry()
    const processMetrics = registerProcessMetrics(registry)
    try {
      const first = sample(registry.render(), 'process_cpu_seconds_total{mode="user"}')
      for (let i = 0; i < 1e6; i += 1) Math.sqrt(i)
      expect(sample(registry.render(), 'process_cpu_seconds_total{mode="user"}')).toBeGreaterThanOrEqual(first)
    } finally {
      processMetrics.stop()
    }
  })
})
