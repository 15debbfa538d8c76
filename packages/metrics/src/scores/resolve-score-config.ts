import { z } from 'zod'
import { CONSTANT_STATUSES } from '../constants/constant.ts'
import { MetricsConfigError } from '../config-error.ts'
import { DEFAULT_DIGITALIZATION_CONFIG, type DigitalizationConfig } from './digitalization-config.ts'
import { DEFAULT_ENERGY_SCORE_CONFIG, type EnergyScoreConfig } from './energy-config.ts'
import { componentConfigSchema, type ComponentConfig } from './score-model.ts'

const componentsSchema = z.array(componentConfigSchema).min(1).superRefine((components, ctx) => {
  const ids = new Set(components.map((c) => c.id))
  if (ids.size !== components.length) ctx.addIssue({ code: 'custom', message: 'component ids must be unique' })
  const total = components.reduce((s, c) => s + c.weight, 0)
  if (Math.abs(total - 1) > 1e-9) ctx.addIssue({ code: 'custom', message: `weights must sum to 1, they sum to ${total}` })
  for (const c of components) for (const t of c.redistributeTo) if (!ids.has(t)) ctx.addIssue({ code: 'custom', message: `${c.id} redistributes to unknown component ${t}` })
})
const ratio = z.number().min(0).max(1)

export const digitalizationConfigSchema = z.object({
  modelVersion: z.string().min(1),
  components: componentsSchema,
  minNetworkingRate: ratio,
  evidence: z.object({ level2: z.object({ D1: ratio, D2: ratio }), level3: z.object({ D1: ratio, D6: ratio, D7: ratio }) }),
})

export const energyScoreConfigSchema = z.object({
  modelVersion: z.string().min(1),
  components: componentsSchema,
  benchmarks: z.array(z.object({
    family: z.string().min(1),
    basis: z.string().min(1),
    countUnit: z.enum(['pick', 'm', 'kg', 'piece', 'doff']).optional(),
    perQty: z.number().positive().optional(),
    limitKgce: z.number().positive(),
    advancedKgce: z.number().positive().optional(),
    source: z.string().min(1),
    status: z.enum(CONSTANT_STATUSES),
  })),
  advancedToLimitRatio: z.number().positive().max(1),
  annualImprovementTarget: z.object({ value: z.number().positive().max(0.5), source: z.string().min(1), status: z.enum(CONSTANT_STATUSES) }),
  minYearsForTarget: z.number().positive(),
  gates: z.object({
    minMainMeterCompleteness: ratio,
    minSubMeteredShare: ratio,
    subMeteredShareGates: z.enum(['score', 'E3']),
    minBaselineMonths: z.number().int().nonnegative(),
  }),
})

/** Overrides: top-level fields replace, components are patched by id. */
type Overrides<T> = Partial<Omit<T, 'components'>> & { components?: Record<string, Partial<ComponentConfig>> }

export function resolveDigitalizationConfig(overrides?: Overrides<DigitalizationConfig>): DigitalizationConfig {
  return resolve(DEFAULT_DIGITALIZATION_CONFIG, overrides, digitalizationConfigSchema) as DigitalizationConfig
}

export function resolveEnergyScoreConfig(overrides?: Overrides<EnergyScoreConfig>): EnergyScoreConfig {
  return resolve(DEFAULT_ENERGY_SCORE_CONFIG, overrides, energyScoreConfigSchema) as EnergyScoreConfig
}

/**
 * Applies overrides and validates the result (weights sum to 1, known ids). A changed model
 * without a new `modelVersion` gets "+custom" appended, so published scores say they differ.
 */
function resolve<T extends { modelVersion: string; components: ComponentConfig[] }>(base: T, overrides: Overrides<T> | undefined, schema: z.ZodType): unknown {
  if (!overrides) return base
  const { components: patches, ...rest } = overrides
  for (const id of Object.keys(patches ?? {})) {
    if (!base.components.some((c) => c.id === id)) throw new MetricsConfigError(`score config: unknown component ${id}`)
  }
  const merged = {
    ...base,
    ...rest,
    modelVersion: rest.modelVersion ?? `${base.modelVersion}+custom`,
    components: base.components.map((c) => ({ ...c, ...(patches?.[c.id] ?? {}) })),
  }
  const parsed = schema.safeParse(merged)
  if (!parsed.success) throw new MetricsConfigError(`invalid score config: ${z.prettifyError(parsed.error)}`, { cause: parsed.error })
  return parsed.data
}
