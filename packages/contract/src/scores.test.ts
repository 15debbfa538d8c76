import { describe, expect, it } from 'vitest'
import { scoreRecordKey, scoreResultRecordSchema } from './scores.ts'

const result = { modelVersion: 'digitalization-2026.1', status: 'ok' as const, score: 71.5, level: { id: 'developing', zh: '发展', en: 'Developing' }, reasons: [], components: [], notes: [] }

describe('score record of mill.scores.v1', () => {
  it('keys a record by firm, plant, period kind and local period start', () => {
    expect(scoreRecordKey({ firm: 'f', plant: 'p', period: 'day', periodStart: '2026-03-02T00:00:00+08:00' })).toBe('f/p/day/2026-03-02T00:00:00+08:00')
  })
  it('accepts a score with status ok, and not-enough-data only as null with a reason', () => {
    expect(scoreResultRecordSchema.safeParse(result).success).toBe(true)
    expect(scoreResultRecordSchema.safeParse({ ...result, status: 'insufficient_data', score: null, level: null, reasons: ['D1 0.05 needs ≥ 0.1'] }).success).toBe(true)
    expect(scoreResultRecordSchema.safeParse({ ...result, status: 'insufficient_data', score: 40 }).success).toBe(false)
    expect(scoreResultRecordSchema.safeParse({ ...result, status: 'insufficient_data', score: null, level: null }).success).toBe(false)
  })
})
