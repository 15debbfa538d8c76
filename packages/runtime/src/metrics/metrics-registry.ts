import { createCounter } from './counter.ts'
import type { Counter, CounterOptions } from './counter.ts'
import { createGauge } from './gauge.ts'
import type { Gauge, GaugeOptions } from './gauge.ts'
import { createHistogram } from './histogram.ts'
import type { Histogram, HistogramOptions } from './histogram.ts'
import type { Renderable } from './renderable.ts'

/**
 * The metrics of one process. Names follow docs/operations.md: `millstream_<service>_<what>_<unit>`,
 * counters end in `_total`. Registering a name twice throws (two owners of one metric is a bug).
 */
export interface MetricsRegistry {
  counter<TLabel extends string = never>(options: CounterOptions<TLabel>): Counter<TLabel>
  gauge<TLabel extends string = never>(options: GaugeOptions<TLabel>): Gauge<TLabel>
  histogram<TLabel extends string = never>(options: HistogramOptions<TLabel>): Histogram<TLabel>
  /** Prometheus text exposition format 0.0.4, in registration order. */
  render(): string
}

export function createMetricsRegistry(): MetricsRegistry {
  const renderers = new Map<string, () => string[]>()

  function register<TMetric extends { name: string }>({ metric, render }: Renderable<TMetric>): TMetric {
    if (renderers.has(metric.name)) throw new Error(`metric ${metric.name} is already registered`)
    renderers.set(metric.name, render)
    return metric
  }

  return {
    counter: (options) => register(createCounter(options)),
    gauge: (options) => register(createGauge(options)),
    histogram: (options) => register(createHistogram(options)),
    render() {
      const lines = [...renderers.values()].flatMap((render) => render())
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`
    },
  }
}
