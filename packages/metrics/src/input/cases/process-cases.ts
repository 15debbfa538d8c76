import fc from 'fast-check'
import { num } from './arbitraries.ts'
import type { Cases } from './case.ts'

const range = fc.record({ min: num, max: num })
/** A summary with any numbers in it, and sometimes a well-formed one (so the happy path is reached). */
const summary = fc.oneof(
  fc.record({ minValue: num, maxValue: num, sumValue: num, count: num, outOfRange: num }),
  fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 1, max: 50 })).map(([v, n]) => ({ minValue: v, maxValue: v, sumValue: v * n, count: n, outOfRange: 0 })),
)

/** Process gauges: window summaries and their merge. */
export const processCases: Cases = {
  summarizeGauge: { args: fc.tuple(fc.array(num, { maxLength: 20 }), range) },
  mergeGaugeSummaries: { args: fc.tuple(summary, summary) },
  gaugeMean: { args: fc.tuple(summary) },
}
