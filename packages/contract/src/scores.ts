import { z } from 'zod'
import { idSchema } from './ids.ts'

/**
 * The score record of `mill.scores.v1` (issue 12; docs/scores.md): one per plant, period kind and
 * period start, keyed by `scoreRecordKey()` on a compacted topic, so the latest record of a key is
 * the plant's score for that period. The record carries no production time: the same inputs give
 * the same bytes, whoever computes them and whenever (scheduled run, catch-up or backfill).
 */
export const SCORE_PERIODS = ['rolling_24h', 'day', 'month'] as const
export type ScorePeriod = (typeof SCORE_PERIODS)[number]

const levelSchema = z.object({ id: z.string(), zh: z.string(), en: z.string() })

export const scoreComponentRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['scored', 'unavailable']),
  value: z.number().nullable(),
  floor: z.number(),
  target: z.number(),
  baseWeight: z.number(),
  weight: z.number(),
  subScore: z.number().nullable(),
  /** 100 × weight × subScore: what the component adds to the score. */
  points: z.number().nullable(),
  reason: z.string().optional(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  source: z.string(),
  status: z.string(),
})

export const scoreResultRecordSchema = z.object({
  modelVersion: z.string(),
  status: z.enum(['ok', 'insufficient_data']),
  /** 0-100; null when the data do not suffice (`reasons` says why), never an imputed number. */
  score: z.number().min(0).max(100).nullable(),
  level: levelSchema.nullable(),
  reasons: z.array(z.string()),
  components: z.array(scoreComponentRecordSchema),
  notes: z.array(z.string()),
}).refine((r) => (r.status === 'ok') === (r.score !== null) && (r.status === 'ok' || r.reasons.length > 0), {
  message: 'a score is a number exactly when status is ok; insufficient data needs a reason',
})

const miitIndicatorSchema = z.object({ value: z.number().nullable(), band: z.string().nullable(), points: z.number(), maxPoints: z.number() })

export const scoreRecordSchema = z.object({
  firm: idSchema,
  plant: idSchema,
  /** The firm's industrial cluster (county), when the registry names it. */
  cluster: z.string().nullable(),
  timeZone: z.string(),
  period: z.enum(SCORE_PERIODS),
  /** Local RFC 3339 with offset, [periodStart, periodEnd). */
  periodStart: z.string(),
  periodEnd: z.string(),
  digitalization: scoreResultRecordSchema,
  energy: scoreResultRecordSchema,
  /** MIIT-aligned evidence (中小企业数字化水平评测指标 2024); never an official level. */
  miitEvidence: z.object({
    equipmentNetworkingRate: miitIndicatorSchema,
    equipmentDigitalRate: miitIndicatorSchema,
    dataCollectionLinks: z.object({ links: z.array(z.string()), points: z.number(), maxPoints: z.number() }),
    sceneEvidence: z.object({ equipmentManagement: z.number().int().min(0).max(3), energyManagement: z.number().int().min(0).max(3) }),
    evidencedPoints: z.number(),
    evidencedMaxPoints: z.number(),
    officialLevel: z.null(),
  }),
  /**
   * The plant's comprehensive energy in the period, kgce (equivalent value, GB/T 2589; incomers, or
   * the machines' meters where they read more): the weight of the plant in energy roll-ups.
   */
  energyKgce: z.number().nonnegative().nullable().optional(),
  /** Version of the benchmark rows E1 was scored against (seeds/benchmarks.json). */
  benchmarkVersion: z.string().optional(),
  dataSufficiency: z.object({
    machinesRegistered: z.number().int().nonnegative(),
    machinesConnected: z.number().int().nonnegative(),
    /** Known machine time ÷ (registered machines × period). */
    completeness: z.number().nullable(),
    /** The online-monitoring rule: at least 90 % of expected data. */
    meetsMonitoringRule: z.boolean(),
  }),
  diagnosis: z.array(z.object({ scoreKind: z.enum(['digitalization', 'energy']), component: z.string(), gainPoints: z.number(), en: z.string(), zh: z.string() })),
})
export type ScoreRecord = z.infer<typeof scoreRecordSchema>
export type ScoreResultRecord = z.infer<typeof scoreResultRecordSchema>

/** The compaction key: one record per plant, period kind and period start. */
export function scoreRecordKey(r: Pick<ScoreRecord, 'firm' | 'plant' | 'period' | 'periodStart'>): string {
  return `${r.firm}/${r.plant}/${r.period}/${r.periodStart}`
}
