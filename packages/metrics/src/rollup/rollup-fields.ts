import { finite, finiteResult, isFiniteNumber } from '../input/check-number.ts'

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
  // The guards name the field only when a value fails: this runs per field of every final minute.
  if (!isFiniteNumber(value)) finite(`fields.${field}`, value)
  if (prev === undefined) return value
  if (!isFiniteNumber(prev)) finite(`rollup.${field}`, prev)
  const result = rollupRule(field) === 'max' ? Math.max(prev, value) : prev + value
  return isFiniteNumber(result) ? result : finiteResult(`fields.${field}`, result)
}

/**
 * Adds one part's fields into a rollup's, in place: the aggregator keeps one accumulator per open
 * hour and adds each minute once as it becomes final. Returns `into`.
 */
export function addToRollup(into: Record<string, number>, fields: Readonly<Record<string, number>>): Record<string, number> {
  // for...in, not Object.entries: this runs for every final minute of every device (issue 16).
  for (const name in into) if (!isFiniteNumber(into[name])) finite(`rollup.${name}`, into[name])
  for (const name in fields) into[name] = rollupValue(name, into[name], fields[name] as number)
  return into
}

/** The rollup of some parts, e.g. an hour from its minutes. */
export function rollUp(parts: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const into: Record<string, number> = {}
  for (const p of parts) addToRollup(into, p)
  return into
}
