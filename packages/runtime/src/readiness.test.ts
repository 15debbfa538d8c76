import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { findFailingChecks } from './readiness.ts'

describe('findFailingChecks', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('returns nothing when every check passes', async () => {
    await expect(findFailingChecks({ a: () => true, b: async () => ({ ok: true }) })).resolves.toEqual([])
  })

  it('counts a check that does not answer in time as failing, without waiting for it', async () => {
    const failing = findFailingChecks({ stuck: () => new Promise(() => {}), quick: () => true }, 1_000)
    await vi.advanceTimersByTimeAsync(1_000)
    await expect(failing).resolves.toEqual([{ name: 'stuck', reason: 'no answer within 1000 ms' }])
  })

  it('counts a rejected check as failing with its message', async () => {
    await expect(findFailingChecks({ influx: () => Promise.reject(new Error('ECONNREFUSED')) })).resolves.toEqual([
      { name: 'influx', reason: 'ECONNREFUSED' },
    ])
  })

  it('leaves no timer behind once the checks have answered', async () => {
    await findFailingChecks({ a: () => true })
    expect(vi.getTimerCount()).toBe(0)
  })
})
