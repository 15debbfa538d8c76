import type fc from 'fast-check'

/** How to call one public function with arbitrary arguments; `configErrors`: MetricsConfigError is a refusal too. */
export interface Case {
  args: fc.Arbitrary<unknown[]>
  configErrors?: boolean
}
export type Cases = Record<string, Case>
