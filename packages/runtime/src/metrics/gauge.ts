import { assertLabelNames, assertMetricName, formatHeader, formatSample } from './exposition.ts'
import { createLabelledSeries, splitLabelsAndValue } from './labelled-series.ts'
import type { LabelValues } from './labelled-series.ts'
import type { Renderable } from './renderable.ts'

export interface GaugeOptions<TLabel extends string> {
  name: string
  help: string
  labelNames?: readonly TLabel[]
  /** Called before each render to set the current value(s), e.g. from process.memoryUsage(). */
  collect?: (gauge: Gauge<TLabel>) => void
}

/** A value that goes up and down. */
export interface Gauge<TLabel extends string = never> {
  readonly name: string
  set(labelsOrValue: LabelValues<TLabel> | number, value?: number): void
  inc(labelsOrAmount?: LabelValues<TLabel> | number, amount?: number): void
  dec(labelsOrAmount?: LabelValues<TLabel> | number, amount?: number): void
  get(labels?: LabelValues<TLabel>): number
  /** Forgets every label set, e.g. in `collect` before setting the ones that still exist. */
  reset(): void
}

export function createGauge<TLabel extends string>(options: GaugeOptions<TLabel>): Renderable<Gauge<TLabel>> {
  const { name, help, labelNames = [], collect } = options
  assertMetricName(name)
  assertLabelNames(name, labelNames)
  const series = createLabelledSeries(name, labelNames, () => ({ value: 0 }))

  const add = (labelsOrAmount: LabelValues<TLabel> | number | undefined, amount: number | undefined, sign: 1 | -1) => {
    const [labels, by] = splitLabelsAndValue(labelsOrAmount, amount, 1)
    series.get(labels).value += sign * by
  }

  const gauge: Gauge<TLabel> = {
    name,
    set(labelsOrValue, value) {
      if (typeof labelsOrValue !== 'number' && value === undefined) throw new Error(`gauge ${name}: set() needs a value`)
      const [labels, to] = splitLabelsAndValue(labelsOrValue, value, 0)
      series.get(labels).value = to
    },
    inc: (labelsOrAmount, amount) => add(labelsOrAmount, amount, 1),
    dec: (labelsOrAmount, amount) => add(labelsOrAmount, amount, -1),
    get: (labels) => series.get(labels).value,
    reset: () => series.clear(),
  }

  function render(): string[] {
    collect?.(gauge)
    const lines = formatHeader(name, help, 'gauge')
    for (const [pairs, { value }] of series.entries()) lines.push(formatSample(name, pairs, value))
    return lines
  }
  return { metric: gauge, render }
}
