import { z } from 'zod'

/**
 * How sure a constant is (docs/metrics.md, status words):
 * verified = seen in a primary source (tag V); secondary = seen only in a secondary source (V2);
 * unverified = inference or placeholder, not seen in any source (U, NF).
 */
export const CONSTANT_STATUSES = ['verified', 'secondary', 'unverified'] as const
export type ConstantStatus = (typeof CONSTANT_STATUSES)[number]

/** One domain constant with its provenance: the product shows `status` beside every figure it feeds. */
export interface Constant {
  value: number
  unit: string
  source: string
  /** Year of the source's figure (edition of a standard, reporting year of a factor). */
  year: number
  status: ConstantStatus
  note?: string
}

export const constantSchema = z.object({
  value: z.number().finite(),
  unit: z.string().min(1),
  source: z.string().min(1),
  year: z.number().int().min(1900).max(2200),
  status: z.enum(CONSTANT_STATUSES),
  note: z.string().optional(),
})

/**
 * An override is either a bare number (the figure changes, provenance becomes "override",
 * status unverified) or a partial constant that states its own source, year and status.
 */
export const constantOverrideSchema = z.union([
  z.number().finite(),
  constantSchema.partial().extend({ value: z.number().finite() }),
])
export type ConstantOverride = z.infer<typeof constantOverrideSchema>
