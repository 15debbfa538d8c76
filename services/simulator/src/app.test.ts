import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_REGISTRY_PATH } from '@millstream/seeds'
import { runInProcess, TEST_START_MS } from './testing/run-in-process.ts'
import type { Clock } from './clock.ts'
import type { SimulationReport } from './report/report-types.ts'

/** A wall clock that moves only when the simulator sleeps, yielding to the event loop each time. */
function fakeClock(startMs: number): Clock & { nowMs: number } {
  const clock = {
    nowMs: startMs,
    now: () => clock.nowMs,
    sleep: async (ms: number) => {
      clock.nowMs += ms
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
  return clock
}

describe('startSimulator', () => {
  it('runs a fast period in-process and writes a report that matches what the sink received', async () => {
    const reportPath = join(mkdtempSync(join(tmpdir(), 'sim-')), 'report.json')
    const { summary, received, lines } = await runInProcess({ hours: 1, reportPath })
    const file = JSON.parse(readFileSync(reportPath, 'utf8')) as SimulationReport
    expect(file).toEqual(JSON.parse(JSON.stringify(summary.report)))
    expect(file.totals.sent).toBe(received.length)
    expect(file.fromMs).toBe(TEST_START_MS)
    expect(file.toMs).toBe(TEST_START_MS + 3_600_000)
    expect(file.plants).toEqual(['test-firm/test-plant'])
    expect(Math.max(...received.map((m) => m.ts))).toBe(TEST_START_MS + 3_600_000)
    expect(lines.join('\n')).toMatch(/done: simulated .* sent \d+|sent \d+, acked \d+/s)
  })

  it('keeps the simulated clock at wall clock x speed in real-time mode', async () => {
    const clock = fakeClock(1_000_000)
    const toMs = TEST_START_MS + 10 * 60_000
    const { summary, received } = await runInProcess({ mode: 'realtime', toMs, clock })
    expect(summary.report.toMs).toBe(toMs)
    // speed 60: ten simulated minutes take ten wall seconds.
    expect(clock.nowMs - 1_000_000).toBeGreaterThanOrEqual(10_000)
    expect(clock.nowMs - 1_000_000).toBeLessThan(10_600)
    expect(Math.max(...received.map((m) => m.ts))).toBe(toMs)
  })

  it('continues every register from the backfill into real time, never back to its first value (issue 9)', async () => {
    const clock = fakeClock(1_000_000)
    const backfillMs = 30 * 60_000
    const toMs = TEST_START_MS + backfillMs + 5 * 60_000
    const { received } = await runInProcess({ mode: 'realtime', backfillMs, toMs, clock })
    // The 30 backfilled minutes went out without waiting for the clock; the 5 real-time ones at speed 60 took 5 s.
    expect(clock.nowMs - 1_000_000).toBeLessThan(6_000)
    expect(Math.max(...received.map((m) => m.ts))).toBe(toMs)
    const last = new Map<string, number>()
    const drops: string[] = []
    for (const m of [...received].sort((a, b) => a.ts - b.ts)) {
      if (!m.reading) continue
      const key = `${m.deviceKey} ${m.reading.series}`
      if (m.reading.total < (last.get(key) ?? -Infinity)) drops.push(`${key} at ${new Date(m.ts).toISOString()}`)
      last.set(key, m.reading.total)
    }
    expect(drops).toEqual([])
    expect(received.some((m) => m.ts > TEST_START_MS + backfillMs && m.reading)).toBe(true)
  })

  it('keeps every plant in step through a backfill, however slow one connection is', async () => {
    // Plants share the aggregator's partitions: one hours ahead of another makes the other's samples
    // too late there (the partition grace). Here one plant's connection takes a turn of the event loop
    // per message while the others' take none; without the barrier they finished the backfill first.
    const clock = fakeClock(1_000_000)
    const backfillMs = 3_600_000
    const slow = 'fengxin-1'
    const { received } = await runInProcess({
      registryPath: DEMO_REGISTRY_PATH, mode: 'realtime', backfillMs, toMs: TEST_START_MS + backfillMs + 60_000, clock,
      publishDelay: (p) => (p.plant === slow ? new Promise((resolve) => setImmediate(resolve)) : undefined),
    })
    const reached = new Map<string, number>()
    let maxLeadMs = 0
    for (const m of received) {
      const plant = m.deviceKey.split('/').slice(0, 2).join('/')
      reached.set(plant, Math.max(reached.get(plant) ?? TEST_START_MS, m.ts))
      const times = [...reached.values()]
      if (reached.size === 5) maxLeadMs = Math.max(maxLeadMs, Math.max(...times) - Math.min(...times))
    }
    expect(reached.size).toBe(5)
    expect(Math.min(...reached.values())).toBe(TEST_START_MS + backfillMs + 60_000)
    // One catch-up step is a simulated minute: a plant may finish a step before another begins it.
    expect(maxLeadMs).toBeGreaterThan(0)
    expect(maxLeadMs).toBeLessThanOrEqual(2 * 60_000)
  })

  it('stops an open-ended real-time run on stop() and reports where it got to', async () => {
    const clock = fakeClock(0)
    const { summary } = await runInProcess({
      mode: 'realtime', toMs: Infinity, clock,
      onStarted: (run) => {
        const timer = setInterval(() => {
          if (clock.nowMs >= 5_000) {
            clearInterval(timer)
            void run.stop()
          }
        }, 1)
      },
    })
    expect(summary.report.toMs).toBeGreaterThan(TEST_START_MS + 4 * 60_000)
    expect(summary.report.totals.sent).toBeGreaterThan(0)
    expect(summary.report.totals.sent).toBe(summary.report.totals.acked)
  })
})
