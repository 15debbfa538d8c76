import { z } from 'zod'
import { idSchema } from './ids.ts'
import { COUNT_UNITS } from './payloads.ts'

/**
 * Energy and water benchmarks per unit of product, as versioned data rows (issue 12; rows in
 * seeds/benchmarks.json, docs/scores.md §2). A row says which norm, which table, which product,
 * per what output basis, its grades and how sure we are of the figures: `verified` (read in the
 * norm or an official reprint), `secondary` (a third-party transcription or a summary, not checked
 * against the original), `unverified` (recalled or inferred). The reference notes mark most
 * figures V2, which is `secondary` here.
 */
export const BENCHMARK_STATUSES = ['verified', 'secondary', 'unverified'] as const
export type BenchmarkStatus = (typeof BENCHMARK_STATUSES)[number]

/** What a row limits: comprehensive energy (kgce) or fresh water (t) per unit of product. */
export const BENCHMARK_QUANTITIES = { energy: 'kgce', fresh_water: 't' } as const
export type BenchmarkQuantity = keyof typeof BENCHMARK_QUANTITIES

const positive = z.number().positive()

export const benchmarkRowSchema = z
  .object({
    /** Stable id, e.g. `gb36889-2025.viscose_staple`: what a score record cites. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/),
    /** The norm and its edition, e.g. `GB 36889-2025`, `印染行业规范条件 (2017)`. */
    standard: z.string().min(1),
    /** Table of the norm the row comes from; null when the source does not say. */
    table: z.string().min(1).nullable(),
    /** The product as the norm names it (zh-CN and en). */
    product: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
    /** The registry's line `productFamily` the row applies to. */
    productFamily: idSchema,
    quantity: z.enum(Object.keys(BENCHMARK_QUANTITIES) as [BenchmarkQuantity, ...BenchmarkQuantity[]]),
    /** e.g. `kgce/t`, `kgce/100 m`, `t/100 m`. */
    unit: z.string().min(1),
    /** The output basis: `perQty` of the line's count unit, e.g. 1000 kg (= 1 t), 100 m. */
    basis: z.object({ countUnit: z.enum(COUNT_UNITS), perQty: positive, label: z.string().min(1) }),
    /**
     * Grades, lower is better: grade 1 the most advanced, grade 3 the least. A norm that publishes
     * one ceiling only (the 规范条件) has `limit` and no grades.
     */
    grades: z.object({ grade1: positive.nullable(), grade2: positive.nullable(), grade3: positive.nullable() }),
    /** The value a plant must not exceed: scored as the floor (s = 0 at or above it). */
    limit: positive,
    /** How the limit was read: `grade3` (GB quota standards: the limit for existing plants) or the norm's only ceiling. */
    limitIs: z.enum(['grade3', 'ceiling']),
    /** Status of the figures (grades and limit). */
    status: z.enum(BENCHMARK_STATUSES),
    /** Status of what the grades mean (e.g. grade 3 = limit for existing plants), where it differs. */
    gradeMeaningStatus: z.enum(BENCHMARK_STATUSES),
    /** Where the figures were read (public addresses as stored in the reference notes). */
    source: z.string().min(1),
    notes: z.string().optional(),
  })
  .superRefine((row, ctx) => {
    const { grade1, grade2, grade3 } = row.grades
    const present = [grade1, grade2, grade3].filter((g): g is number => g !== null)
    for (let i = 1; i < present.length; i++) if ((present[i] as number) < (present[i - 1] as number)) ctx.addIssue({ code: 'custom', message: `${row.id}: grades must not fall from grade 1 to grade 3` })
    if (row.limitIs === 'grade3' && row.limit !== grade3) ctx.addIssue({ code: 'custom', message: `${row.id}: limitIs grade3 but limit ${row.limit} ≠ grade 3 ${String(grade3)}` })
    if (grade1 !== null && grade1 > row.limit) ctx.addIssue({ code: 'custom', message: `${row.id}: grade 1 above the limit` })
  })
export type BenchmarkRow = z.infer<typeof benchmarkRowSchema>

export const benchmarkSetSchema = z
  .object({
    /** Version of the rows: every score record names the version it was scored with. */
    version: z.string().min(1),
    rows: z.array(benchmarkRowSchema).min(1),
  })
  .superRefine((set, ctx) => {
    const ids = new Set<string>()
    const keys = new Set<string>()
    for (const row of set.rows) {
      if (ids.has(row.id)) ctx.addIssue({ code: 'custom', message: `benchmark ${row.id} is listed twice` })
      ids.add(row.id)
      const key = `${row.productFamily}/${row.quantity}`
      if (keys.has(key)) ctx.addIssue({ code: 'custom', message: `two ${row.quantity} benchmarks for family ${row.productFamily}` })
      keys.add(key)
    }
  })
export type BenchmarkSet = z.infer<typeof benchmarkSetSchema>

/** The advanced value scored as the target (s = 1): grade 1, or null when the norm publishes none. */
export function benchmarkAdvanced(row: BenchmarkRow): number | null {
  return row.grades.grade1
}
