import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planRollups, splitAtLastMidnight } from './rollup-plan.ts'

const H = 3_600_000
const at = (iso: string) => Date.parse(iso)

describe('planRollups', () => {
  it('reads whole local hours from the rollups and the ragged ends from minutes', () => {
    const plan = planRollups({ startMs: at('2025-06-02T07:30:00+08:00'), endMs: at('2025-06-02T15:45:00+08:00') }, 'Asia/Shanghai', Number.POSITIVE_INFINITY)
    expect(plan.hours).toEqual({ startMs: at('2025-06-02T08:00:00+08:00'), endMs: at('2025-06-02T15:00:00+08:00') })
    expect(plan.minutes).toEqual([
      { startMs: at('2025-06-02T07:30:00+08:00'), endMs: at('2025-06-02T08:00:00+08:00') },
      { startMs: at('2025-06-02T15:00:00+08:00'), endMs: at('2025-06-02T15:45:00+08:00') },
    ])
  })

  it('reads hours that may not be final yet from minutes', () => {
    const day = { startMs: at('2025-06-02T00:00:00+08:00'), endMs: at('2025-06-03T00:00:00+08:00') }
    const plan = planRollups(day, 'Asia/Shanghai', at('2025-06-02T10:20:00+08:00'))
    expect(plan.hours).toEqual({ startMs: day.startMs, endMs: at('2025-06-02T10:00:00+08:00') })
    expect(plan.minutes).toEqual([{ startMs: at('2025-06-02T10:00:00+08:00'), endMs: day.endMs }])
  })

  it('cuts hours on the plant clock in a half-hour zone', () => {
    const plan = planRollups({ startMs: at('2025-06-02T00:00:00Z'), endMs: at('2025-06-02T03:00:00Z') }, 'Asia/Kolkata', Number.POSITIVE_INFINITY)
    expect(plan.hours).toEqual({ startMs: at('2025-06-02T00:30:00Z'), endMs: at('2025-06-02T02:30:00Z') })
  })

  it('uses minutes alone when no whole hour fits, or when no hour is final', () => {
    expect(planRollups({ startMs: 0, endMs: 7_200_000 }, 'UTC', Number.NEGATIVE_INFINITY)).toEqual({ hours: null, minutes: [{ startMs: 0, endMs: 7_200_000 }] })
    const range = { startMs: at('2025-06-02T08:10:00+08:00'), endMs: at('2025-06-02T09:05:00+08:00') }
    expect(planRollups(range, 'Asia/Shanghai', Number.POSITIVE_INFINITY)).toEqual({ hours: null, minutes: [range] })
  })

  it('covers the range exactly once, whatever the range and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 }),
        fc.integer({ min: 1, max: 72 * 60 }),
        fc.integer({ min: -48 * 60, max: 96 * 60 }),
        fc.constantFrom('Asia/Shanghai', 'Asia/Kolkata', 'Europe/Berlin', 'America/St_Johns'),
        (startMin, lengthMin, finalAfterMin, zone) => {
          const startMs = at('2025-01-01T00:00:00Z') + startMin * 15 * 60_000
          const range = { startMs, endMs: startMs + lengthMin * 60_000 }
          const plan = planRollups(range, zone, startMs + finalAfterMin * 60_000)
          const parts = [...(plan.hours ? [plan.hours] : []), ...plan.minutes].sort((a, b) => a.startMs - b.startMs)
          expect(parts[0]?.startMs).toBe(range.startMs)
          expect(parts.at(-1)?.endMs).toBe(range.endMs)
          for (let i = 1; i < parts.length; i++) expect(parts[i]?.startMs).toBe(parts[i - 1]?.endMs)
          if (plan.hours) expect((plan.hours.endMs - plan.hours.startMs) % H).toBe(0)
        },
      ),
    )
  })
})

describe('splitAtLastMidnight', () => {
  it('cuts month-to-date hours at the last local midnight, and leaves hours within one day whole', () => {
    const hours = { startMs: at('2025-06-01T00:00:00+08:00'), endMs: at('2025-06-12T09:00:00+08:00') }
    expect(splitAtLastMidnight(hours, 'Asia/Shanghai')).toEqual([
      { startMs: hours.startMs, endMs: at('2025-06-12T00:00:00+08:00') },
      { startMs: at('2025-06-12T00:00:00+08:00'), endMs: hours.endMs },
    ])
    const day = { startMs: at('2025-06-12T00:00:00+08:00'), endMs: at('2025-06-13T00:00:00+08:00') }
    expect(splitAtLastMidnight(day, 'Asia/Shanghai')).toEqual([day])
  })
})
