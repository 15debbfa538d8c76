import { describe, expect, it } from 'vitest'
import { createLiveHub } from './live-hub.ts'

const machines = [{ line: 'weaving', device: 'loom-1' }]
const state = (ts: number, s: string, reason?: string) => ({ type: 'state' as const, line: 'weaving', device: 'loom-1', data: { ts, state: s, ...(reason ? { reason } : {}) } })

describe('live hub snapshot', () => {
  it('keeps the time a state began across heartbeats that repeat it, and restarts it on a change of state or reason', () => {
    let now = 1_000_000
    const hub = createLiveHub({ bufferSize: 100, staleMs: 300_000, now: () => now })
    hub.publish('f', 'p', state(now, 'running'))
    for (let i = 1; i <= 5; i++) {
      now += 30_000
      hub.publish('f', 'p', state(now, 'running'))
    }
    expect(hub.snapshot('f', 'p', machines)[0]).toMatchObject({ state: 'running', sinceMs: 1_000_000 })
    now += 30_000
    hub.publish('f', 'p', state(now, 'stopped', 'yarn_break'))
    const stoppedAt = now
    now += 30_000
    hub.publish('f', 'p', state(now, 'stopped', 'yarn_break'))
    expect(hub.snapshot('f', 'p', machines)[0]).toMatchObject({ state: 'stopped', reason: 'yarn_break', sinceMs: stoppedAt })
    now += 30_000
    hub.publish('f', 'p', state(now, 'stopped', 'warp_break'))
    expect(hub.snapshot('f', 'p', machines)[0]).toMatchObject({ reason: 'warp_break', sinceMs: now })
  })

  it('starts a new time in state after the device was silent past the staleness window', () => {
    let now = 0
    const hub = createLiveHub({ bufferSize: 100, staleMs: 300_000, now: () => now })
    hub.publish('f', 'p', state(now, 'running'))
    now += 600_000
    expect(hub.snapshot('f', 'p', machines)[0]).toMatchObject({ state: 'no_data' })
    hub.publish('f', 'p', state(now, 'running'))
    expect(hub.snapshot('f', 'p', machines)[0]).toMatchObject({ state: 'running', sinceMs: 600_000 })
  })
})
