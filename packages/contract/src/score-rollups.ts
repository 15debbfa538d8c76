import { z } from 'zod'
import { idSchema } from './ids.ts'
import { SCORE_PERIODS } from './scores.ts'

/**
 * The platform's roll-ups of plant scores (issue 12; docs/scores.md §4): one record per scope
 * (a firm, an industrial cluster, a product family), subject, period kind and period start, on
 * the compacted topic `mill.score-rollups.v1` keyed by `scoreRollupKey()`. Like the plant records
 * they carry no production time: recomputed from the same plant records, they are the same bytes.
 */
export const ROLLUP_SCOPES = ['firm', 'cluster', 'product_family'] as const
export type RollupScope = (typeof ROLLUP_SCOPES)[number]

/** How plants are weighted in a roll-up: digitalization by registered machines, energy by the plant's kgce in the period. */
export const ROLLUP_WEIGHTINGS = { digitalization: 'registered_machines', energy: 'energy_kgce' } as const

export const rollupMemberSchema = z.object({
  firm: idSchema,
  plant: idSchema,
  /** The plant's score, or null when it had not enough data (left out of the mean and the ranks). */
  score: z.number().min(0).max(100).nullable(),
  weight: z.number().nonnegative(),
  /** Mid-rank percentile among the group's scored plants: share below plus half the ties, × 100; null without a score. */
  percentile: z.number().min(0).max(100).nullable(),
})

export const rollupScoreSchema = z.object({
  /** Σ weight × score ÷ Σ weight over scored plants; null when none has a score. */
  score: z.number().min(0).max(100).nullable(),
  weighting: z.enum(['registered_machines', 'energy_kgce']),
  plants: z.number().int().nonnegative(),
  plantsWithoutData: z.number().int().nonnegative(),
  members: z.array(rollupMemberSchema),
})

export const scoreRollupRecordSchema = z.object({
  scope: z.enum(ROLLUP_SCOPES),
  /** Firm id, cluster name (e.g. 德安) or product family id. */
  subject: z.string().min(1),
  period: z.enum(SCORE_PERIODS),
  /** Local RFC 3339 with offset, as in the plant records: plants are grouped by identical period bounds. */
  periodStart: z.string(),
  periodEnd: z.string(),
  modelVersions: z.object({ digitalization: z.array(z.string()), energy: z.array(z.string()) }),
  digitalization: rollupScoreSchema,
  energy: rollupScoreSchema,
})
export type ScoreRollupRecord = z.infer<typeof scoreRollupRecordSchema>
export type RollupScore = z.infer<typeof rollupScoreSchema>
export type RollupMember = z.infer<typeof rollupMemberSchema>

/** The compaction key: one record per scope, subject, period kind and period start. */
export function scoreRollupKey(r: Pick<ScoreRollupRecord, 'scope' | 'subject' | 'period' | 'periodStart'>): string {
  return `${r.scope}/${r.subject}/${r.period}/${r.periodStart}`
}
