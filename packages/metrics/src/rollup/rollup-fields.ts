import { finite, finiteResult } from '../input/check-number.ts'

/**
 * How a window's fields roll up into a longer window (minutes into an hour, hours into a day):
 * amounts and durations add; a peak rate (`*_peak_rate`, an instantaneous kW or flow) does not,
 * the longer window's peak is the highest of its parts. Both are order-free, so a rollup does not
 * depend on the order in which its parts became final.
 */
export type RollupRule = 'sum' | 'max'

const PEAK_SUFFIX = '_peak_rate'

export function rollupRule(field: string): RollupRule {
  return field.endsWith(PEAK_SUFFIX) ? 'max' : 'sum'
}

/** One field's rolled-up value after adding a part's `value` to what the rollup held (`prev`). */
export function rollupValue(field: string, prev: number | undefined, value: number): number {
  finite(`fields.${field}`, value)
  if (prev === undefined) return value
  finite(`rollup.${field}`, prev)
  return finiteResult(`fields.${field}`, rollupRule(field) === 'max' ? Math.max(prev, value) : prev + value)
}

/**
 * Adds one part's fields into a rollup's, in place: the aggregator keeps one accumulator per open
 * hour and adds each minute once as it becomes final. Returns `into`.
 */
export function addToRollup(into: Record<string, number>, fields: Readonly<Record<string, number>>): Record<string, number> {
  for (const [name, value] of Object.entries(into)) finite(`rollup.${name}`, value)
  for (const [name, value] of Object.entries(fields)) into[name] = rollupValue(name, into[name], value)
  return into
}

/** The rollup of some parts, e.g. an hour from its minutes. */
export function rollUp(parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const into: Record<string, number> = {}
  for (const p of parts) addToRollup(into, p)
  return into
}
