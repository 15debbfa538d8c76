import { z } from 'zod'
import { MetricsConfigError } from '../config-error.ts'
import { finite } from '../input/check-number.ts'
import { MetricsInputError } from '../input/input-error.ts'
import { constantOverrideSchema, type Constant, type ConstantOverride } from './constant.ts'
import { DEFAULT_CONSTANTS, type ConstantName, type Constants } from './default-constants.ts'

const names = Object.keys(DEFAULT_CONSTANTS) as [ConstantName, ...ConstantName[]]
const overridesSchema = z.partialRecord(z.enum(names), constantOverrideSchema).optional()

export type ConstantOverrides = Partial<Record<ConstantName, ConstantOverride>>

/**
 * The defaults with overrides applied (e.g. a provincial grid factor, the GB/T 2589-2020 table once
 * seen). Unknown names and non-finite values are refused, so a typo never silently keeps a default.
 * A bare number keeps the unit and marks the figure `unverified` with source "override".
 */
export function resolveConstants(overrides?: unknown): Constants {
  const parsed = overridesSchema.safeParse(overrides)
  if (!parsed.success) throw new MetricsConfigError(`invalid constant overrides: ${z.prettifyError(parsed.error)}`, { cause: parsed.error })
  const resolved: Constants = { ...DEFAULT_CONSTANTS }
  for (const [name, override] of Object.entries(parsed.data ?? {}) as [ConstantName, ConstantOverride][]) {
    resolved[name] = applyOverride(DEFAULT_CONSTANTS[name], override)
  }
  return resolved
}

function applyOverride(base: Constant, override: ConstantOverride): Constant {
  if (typeof override === 'number') {
    return { ...base, value: override, source: 'override', status: 'unverified', note: `default was ${base.value} (${base.source})` }
  }
  return { ...base, source: 'override', status: 'unverified', ...override }
}

/** The bare value of one constant, for formulas. */
export function constantValue(constants: Constants, name: ConstantName): number {
  const constant = constants?.[name]
  if (!constant) throw new MetricsInputError('name', 'is not a constant of the set', name)
  return finite(`constants.${name}.value`, constant.value)
}
