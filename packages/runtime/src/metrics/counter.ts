import { assertLabelNames, assertMetricName, formatHeader, formatSample } from './exposition.ts'
import { createLabelledSeries, splitLabelsAndValue } from './labelled-series.ts'
import type { LabelValues } from './labelled-series.ts'
import type { Renderable } from './renderable.ts'

export interface CounterOptions<TLabel extends string> {
  /** Ends in `_total` (Prometheus naming convention; OpenMetrics requires it). */
  name: string
  help: string
  labelNames?: readonly TLabel[]
  /** Called before each render, e.g. to add what an external source counted since the last scrape. */
  collect?: (counter: Counter<TLabel>) => void
}

/** A value that only goes up (until the process restarts; Prometheus' rate() handles that). */
export interface Counter<TLabel extends string = never> {
  readonly name: string
  /** `inc()`, `inc(5)`, `inc({ reason })`, `inc({ reason }, 5)`; a negative amount throws. */
  inc(labelsOrAmount?: LabelValues<TLabel> | number, amount?: number): void
  /** The current value of one label set (tests read it). */
  get(labels?: LabelValues<TLabel>): number
}

export function createCounter<TLabel extends string>(options: CounterOptions<TLabel>): Renderable<Counter<TLabel>> {
  const { name, help, labelNames = [], collect } = options
  assertMetricName(name)
  assertLabelNames(name, labelNames)
  if (!name.endsWith('_total')) throw new Error(`counter ${name}: name must end in _total`)
  const series = createLabelledSeries(name, labelNames, () => ({ value: 0 }))

  const counter: Counter<TLabel> = {
    name,
    inc(labelsOrAmount, amount) {
      const [labels, by] = splitLabelsAndValue(labelsOrAmount, amount, 1)
      if (!(by >= 0) || !Number.isFinite(by)) throw new Error(`counter ${name}: cannot increase by ${by}`)
      series.get(labels).value += by
    },
    get: (labels) => series.get(labels).value,
  }

  function render(): string[] {
    collect?.(counter)
    const lines = formatHeader(name, help, 'counter')
    for (const [pairs, { value }] of series.entries()) lines.push(formatSample(name, pairs, value))
    return lines
  }
  return { metric: counter, render }
}
