import { describe, expect, it } from 'vitest'
import { probeHostSpeed, watchHostSpeed } from './host-speed.ts'

describe('host speed probe', () => {
  it('times its work back to back: one reading per run, each a CPU time in milliseconds', async () => {
    const speed = await probeHostSpeed(3)
    expect(speed.readings).toBe(3)
    expect(speed.minMs).toBeGreaterThan(0)
    expect(speed.minMs).toBeLessThanOrEqual(speed.medianMs)
    expect(speed.medianMs).toBeLessThanOrEqual(speed.maxMs)
    // The work is a few tens of milliseconds on any machine this project runs on, never nothing.
    expect(speed.maxMs).toBeLessThan(2_000)
  })

  it('reads at its interval while it runs, and stops', async () => {
    const watch = watchHostSpeed(100)
    // Node's start and the probe's warm-up take a while on a busy CI box: wait for the readings.
    await expect.poll(() => watch.readings, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(3)
    const speed = watch.stop()
    expect(speed.readings).toBeGreaterThanOrEqual(3)
    expect(Number.isFinite(speed.medianMs)).toBe(true)
  })
})
