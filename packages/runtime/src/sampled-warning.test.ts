import { describe, expect, it } from 'vitest'
import { captureLogger } from './capture-logger.ts'
import { createSampledWarning } from './sampled-warning.ts'

describe('createSampledWarning', () => {
  it('warns at once, then at most once an interval, with how many happened since the last warning', () => {
    const { logger, lines } = captureLogger()
    let now = 1_000_000
    const warn = createSampledWarning(logger, 'record skipped', 60_000, () => now)
    warn({ offset: '1' })
    for (let i = 2; i <= 500; i++) {
      now += 100
      warn({ offset: String(i) })
    }
    // 500 records over 49.9 s: the first only.
    expect(lines.map((l) => [l.msg, l.offset, l.occurrences])).toEqual([['record skipped', '1', 1]])
    now += 10_100
    warn({ offset: '501' })
    expect(lines.at(-1)).toMatchObject({ level: 'warn', msg: 'record skipped', offset: '501', occurrences: 500 })
    now += 59_999
    warn({ offset: '502' })
    expect(lines).toHaveLength(2)
    now += 1
    warn({ offset: '503' })
    expect(lines.at(-1)).toMatchObject({ offset: '503', occurrences: 2 })
  })
})
