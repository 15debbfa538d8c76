import { collectDefaultMetrics, Counter as PromCounter, Gauge as PromGauge, Histogram as PromHistogram, Registry } from 'prom-client'

/** prom-client's metric types: `inc`, `set`, `observe`, `startTimer`, `reset` and the rest. */
export type Counter<TLabel extends string = never> = PromCounter<TLabel>
export type Gauge<TLabel extends string = never> = PromGauge<TLabel>
export type Histogram<TLabel extends string = never> = PromHistogram<TLabel>

interface MetricOptions<TLabel extends string, TMetric> {
  name: string
  help: string
  labelNames?: readonly TLabel[]
  /** Called at each scrape, e.g. to set a gauge from the state it reports. */
  collect?: (metric: TMetric) => void
}
/** Name ends in `_total` (Prometheus naming convention; OpenMetrics requires it). */
export type CounterOptions<TLabel extends string> = MetricOptions<TLabel, Counter<TLabel>>
export type GaugeOptions<TLabel extends string> = MetricOptions<TLabel, Gauge<TLabel>>
export interface HistogramOptions<TLabel extends string> extends Omit<MetricOptions<TLabel, Histogram<TLabel>>, 'collect'> {
  /** Upper bounds in the metric's unit; prom-client's defaults (5 ms to 10 s) when left out. */
  buckets?: readonly number[]
}

/**
 * The metrics of one process, on prom-client. Names follow docs/operations.md:
 * `millstream_<service>_<what>_<unit>`, counters end in `_total`. Registering a name twice throws
 * (two owners of one metric is a bug). With `processMetrics` (the default) the registry also
 * carries prom-client's default process and Node.js metrics (CPU, memory, event-loop lag, GC).
 */
export interface MetricsRegistry {
  counter<TLabel extends string = never>(options: CounterOptions<TLabel>): Counter<TLabel>
  gauge<TLabel extends string = never>(options: GaugeOptions<TLabel>): Gauge<TLabel>
  histogram<TLabel extends string = never>(options: HistogramOptions<TLabel>): Histogram<TLabel>
  /** The Prometheus text exposition format 0.0.4. */
  render(): Promise<string>
  readonly contentType: string
}

export function createMetricsRegistry(options: { processMetrics?: boolean } = {}): MetricsRegistry {
  const registry = new Registry()
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry })
  const common = <TLabel extends string, TMetric>(o: MetricOptions<TLabel, TMetric>) => ({
    name: o.name,
    help: o.help,
    labelNames: o.labelNames ?? [],
    registers: [registry],
    // prom-client calls collect with the metric as `this`.
    ...(o.collect ? { collect(this: TMetric) { o.collect?.(this) } } : {}),
  })
  return {
    counter(o) {
      if (!o.name.endsWith('_total')) throw new Error(`counter ${o.name}: name must end in _total`)
      return new PromCounter(common(o))
    },
    gauge: (o) => new PromGauge(common(o)),
    histogram: (o) => new PromHistogram({ ...common(o), ...(o.buckets ? { buckets: [...o.buckets] } : {}) }),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  }
}
