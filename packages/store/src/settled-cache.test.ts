import { describe, expect, it } from 'vitest'
import { createSettledCache } from './settled-cache.ts'

const H = 3_600_000

describe('settled cache', () => {
  const setup = (maxRows = 10) => {
    let clock = 100 * H
    let reads = 0
    const cache = createSettledCache({ maxRows, ttlMs: H, settledAfterMs: 2 * H, now: () => clock })
    const ask = (key: string, endMs: number, rows = 1) => cache.get(() => key, endMs, async () => `${key}#${++reads}`, () => rows)
    return { cache, ask, reads: () => reads, advance: (ms: number) => void (clock += ms) }
  }

  it('answers a settled range from the first read, and reads an unsettled one every time', async () => {
    const { ask, reads } = setup()
    expect(await ask('day', 97 * H)).toBe('day#1')
    expect(await ask('day', 97 * H)).toBe('day#1')
    expect(await ask('today', 99 * H)).toBe('today#2')
    expect(await ask('today', 99 * H)).toBe('today#3')
    expect(reads()).toBe(3)
  })

  it('forgets an answer after its lifetime, and the least recent beyond the row budget', async () => {
    const { ask, advance, cache } = setup(10)
    await ask('a', 90 * H, 6)
    await ask('b', 90 * H, 6)
    expect(await ask('a', 90 * H, 6)).toBe('a#3')
    advance(H + 1)
    expect(await ask('a', 90 * H, 6)).toBe('a#4')
    expect(cache.hits).toBe(0)
  })

  it('is off with no row budget', async () => {
    const { ask } = setup(0)
    await ask('a', 1)
    expect(await ask('a', 1)).toBe('a#2')
  })

  it('keeps an answer whose size is not a whole number of rows (a month of roll-up hours) instead of failing the call', async () => {
    const { ask, reads } = setup()
    expect(await ask('month', 97 * H, 7.2)).toBe('month#1')
    expect(await ask('month', 97 * H, 7.2)).toBe('month#1')
    expect(reads()).toBe(1)
  })
})
