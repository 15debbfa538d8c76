import fc from 'fast-check'
import { planSegments } from '@millstream/metrics'
import { describe, expect, it } from 'vitest'
import { TEST_INDEX } from '../../test/engine-harness.ts'
import { createPlanCache } from './plan-cache.ts'

const plant = TEST_INDEX.plant('test-firm', 'test-plant')?.plant
const kolkata = { shifts: [{ id: 'a', name: 'A', start: '07:30', durationH: 9, breaks: [{ start: '12:15', durationMin: 45 }] }], nonWorkingWeekdays: [7] }

describe('plan cache', () => {
  it('gives a minute the plan planSegments gives it alone, in any zone and calendar', () => {
    if (!plant) throw new Error('test plant missing')
    const cache = createPlanCache()
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2025-01-01T00:00:00Z') / 60_000, max: Date.parse('2026-12-31T00:00:00Z') / 60_000 }), fc.boolean(), (minute, india) => {
        const window = { startMs: minute * 60_000, endMs: minute * 60_000 + 60_000 }
        const [calendar, tz] = india ? [kolkata, 'Asia/Kolkata'] : [plant.shiftCalendar, plant.timeZone]
        const strip = (segments: { startMs: number; endMs: number; kind: string }[]) => segments.map(({ startMs, endMs, kind }) => ({ startMs, endMs, kind }))
        expect(strip(cache.segments(india ? 'in' : 'cn', { ...calendar, nonWorkingWeekdays: calendar.nonWorkingWeekdays ?? [] } as typeof plant.shiftCalendar, tz, window))).toEqual(strip(planSegments(window, calendar, tz)))
      }),
      { numRuns: 300 },
    )
  })
})
