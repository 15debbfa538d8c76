/** A configuration object (constants, score model) failed validation; fix the config, retrying won't help. */
export class MetricsConfigError extends Error {
  readonly code = 'METRICS_CONFIG_INVALID'
  readonly retriable = false
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MetricsConfigError'
  }
}
