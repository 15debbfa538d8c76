import { describe, expect, it } from 'vitest'
import { cronExpression } from './cron-expressions.ts'
import { duePeriods, periodEndingAt } from './score-periods.ts'
import { progressBar } from './backfill.ts'

const TZ = 'Asia/Shanghai'
const at = (iso: string) => Date.parse(iso)

describe('score periods', () => {
  it('ends a local month at local midnight of the 1st, and a rolling window 24 h back', () => {
    expect(periodEndingAt('month', at('2026-04-01T00:00:00+08:00'), TZ)).toEqual({ startMs: at('2026-03-01T00:00:00+08:00'), endMs: at('2026-04-01T00:00:00+08:00') })
    expect(periodEndingAt('rolling_24h', at('2026-03-03T05:00:00+08:00'), TZ).startMs).toBe(at('2026-03-02T05:00:00+08:00'))
  })
  it('catches up every settled day after the last scored one, once, and nothing not yet settled', () => {
    const due = duePeriods({ period: 'day', timeZone: TZ, nowMs: at('2026-03-05T01:00:00+08:00'), settleMs: 90 * 60_000, lastEndMs: at('2026-03-02T00:00:00+08:00'), firstEndMs: 0, maxCatchUp: 100 })
    // 03-05 00:00 + 90 min is after now: the day of 03-04 is not due yet.
    expect(due.map((d) => new Date(d.startMs).toISOString())).toEqual(['2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'])
    expect(duePeriods({ period: 'day', timeZone: TZ, nowMs: at('2026-03-05T01:00:00+08:00'), settleMs: 90 * 60_000, lastEndMs: at('2026-03-04T00:00:00+08:00'), firstEndMs: 0, maxCatchUp: 100 })).toEqual([])
  })
  it('caps catch-up to the newest periods', () => {
    const due = duePeriods({ period: 'rolling_24h', timeZone: TZ, nowMs: at('2026-03-05T12:30:00+08:00'), settleMs: 20 * 60_000, lastEndMs: null, firstEndMs: at('2026-03-01T00:00:00+08:00'), maxCatchUp: 3 })
    expect(due.map((d) => d.endMs)).toEqual([at('2026-03-05T10:00:00+08:00'), at('2026-03-05T11:00:00+08:00'), at('2026-03-05T12:00:00+08:00')])
  })
  it('fires cron after the settle delay, and draws a progress bar', () => {
    expect(cronExpression('rolling_24h', 20 * 60_000)).toBe('20 * * * *')
    expect(cronExpression('day', 90 * 60_000)).toBe('30 1 * * *')
    expect(cronExpression('month', 90 * 60_000)).toBe('30 1 1 * *')
    expect(progressBar(5, 10, 10)).toBe('[#####.....] 5/10')
  })
})
