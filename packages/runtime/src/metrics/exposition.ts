/*
 * Prometheus text exposition format, version 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format).
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
/** Names starting with "__" are reserved for Prometheus itself. */
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/

export function assertMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name "${name}"`)
}

export function assertLabelNames(metricName: string, labelNames: readonly string[], reserved: readonly string[] = []): void {
  for (const label of labelNames) {
    if (!LABEL_NAME.test(label) || reserved.includes(label)) {
      throw new Error(`metric ${metricName}: invalid label name "${label}"`)
    }
  }
  if (new Set(labelNames).size !== labelNames.length) throw new Error(`metric ${metricName}: duplicate label names`)
}

/** In label values: backslash, double quote and line feed are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** In HELP text: backslash and line feed are escaped (double quotes are not). */
export function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}

/** `a="1",b="2"`: already-rendered label pairs, joined with more pairs if given. */
export function joinLabelPairs(...pairs: string[]): string {
  return pairs.filter((pair) => pair !== '').join(',')
}

export function formatSample(name: string, labelPairs: string, value: number): string {
  const labels = labelPairs === '' ? '' : `{${labelPairs}}`
  return `${name}${labels} ${formatValue(value)}`
}

export function formatHeader(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string[] {
  return [`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`]
}
