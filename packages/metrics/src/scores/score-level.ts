import { finite } from '../input/check-number.ts'

/**
 * Named levels of a 0-100 score (MillStream proposal, unverified; bands follow the 20-point steps
 * of the 2022 MIIT 1-4 grading transcribed in scores-and-views.md §1.2 but are NOT MIIT levels).
 */
export const SCORE_LEVELS = [
  { id: 'starting', min: 0, zh: '起步', en: 'Starting' },
  { id: 'basic', min: 40, zh: '基础', en: 'Basic' },
  { id: 'developing', min: 60, zh: '发展', en: 'Developing' },
  { id: 'advanced', min: 80, zh: '领先', en: 'Advanced' },
] as const
export type ScoreLevelId = (typeof SCORE_LEVELS)[number]['id']
export interface ScoreLevel {
  id: ScoreLevelId
  zh: string
  en: string
}

/** The level of a score; null score (not enough data) has no level. */
export function scoreLevel(score: number | null): ScoreLevel | null {
  if (score === null) return null
  finite('score', score)
  let level: (typeof SCORE_LEVELS)[number] = SCORE_LEVELS[0]
  for (const l of SCORE_LEVELS) if (score >= l.min) level = l
  return { id: level.id, zh: level.zh, en: level.en }
}
