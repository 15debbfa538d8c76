import { assertLabelNames, assertMetricName, formatHeader, formatSample, formatValue, joinLabelPairs } from './exposition.ts'
import { createLabelledSeries, splitLabelsAndValue } from './labelled-series.ts'
import type { LabelValues } from './labelled-series.ts'
import type { Renderable } from './renderable.ts'

/** The Prometheus client libraries' default buckets, in seconds: request latencies from 5 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

export interface HistogramOptions<TLabel extends string> {
  name: string
  help: string
  labelNames?: readonly TLabel[]
  /** Upper bounds, strictly increasing; `+Inf` is added. */
  buckets?: readonly number[]
}

export interface Histogram<TLabel extends string = never> {
  readonly name: string
  /** `observe(0.2)` or `observe({ topic }, 0.2)`. */
  observe(labelsOrValue: LabelValues<TLabel> | number, value?: number): void
  /** Starts a stopwatch; calling the result observes the elapsed seconds and returns them. */
  startTimer(labels?: LabelValues<TLabel>): () => number
}

interface HistogramValue {
  /** Per bucket, not cumulative; the last slot is +Inf. */
  counts: number[]
  sum: number
  count: number
}

export function createHistogram<TLabel extends string>(options: HistogramOptions<TLabel>): Renderable<Histogram<TLabel>> {
  const { name, help, labelNames = [], buckets = DEFAULT_BUCKETS } = options
  assertMetricName(name)
  assertLabelNames(name, labelNames, ['le'])
  assertBuckets(name, buckets)
  const series = createLabelledSeries<TLabel, HistogramValue>(name, labelNames, () => ({
    counts: new Array<number>(buckets.length + 1).fill(0),
    sum: 0,
    count: 0,
  }))

  const histogram: Histogram<TLabel> = {
    name,
    observe(labelsOrValue, value) {
      if (typeof labelsOrValue !== 'number' && value === undefined) throw new Error(`histogram ${name}: observe() needs a value`)
      const [labels, observed] = splitLabelsAndValue(labelsOrValue, value, 0)
      if (Number.isNaN(observed)) throw new Error(`histogram ${name}: cannot observe NaN`)
      const target = series.get(labels)
      const index = buckets.findIndex((upperBound) => observed <= upperBound)
      target.counts[index === -1 ? buckets.length : index]! += 1
      target.sum += observed
      target.count += 1
    },
    startTimer(labels) {
      // The global performance, not node:perf_hooks', so fake timers can drive it in tests.
      const startMs = performance.now()
      return () => {
        const elapsedS = (performance.now() - startMs) / 1000
        if (labels === undefined) histogram.observe(elapsedS)
        else histogram.observe(labels, elapsedS)
        return elapsedS
      }
    },
  }

  function render(): string[] {
    const lines = formatHeader(name, help, 'histogram')
    const upperBounds = [...buckets.map(formatValue), '+Inf']
    for (const [pairs, { counts, sum, count }] of series.entries()) {
      let cumulative = 0
      counts.forEach((bucketCount, i) => {
        cumulative += bucketCount
        lines.push(formatSample(`${name}_bucket`, joinLabelPairs(pairs, `le="${upperBounds[i]}"`), cumulative))
      })
      lines.push(formatSample(`${name}_sum`, pairs, sum), formatSample(`${name}_count`, pairs, count))
    }
    return lines
  }
  return { metric: histogram, render }
}

function assertBuckets(name: string, buckets: readonly number[]): void {
  const increasing = buckets.every((bound, i) => Number.isFinite(bound) && (i === 0 || bound > buckets[i - 1]!))
  if (buckets.length === 0 || !increasing) throw new Error(`histogram ${name}: buckets must be finite and strictly increasing`)
}
