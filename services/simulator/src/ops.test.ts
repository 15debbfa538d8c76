import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { RunStatus } from './app.ts'
import { startSimulatorOps } from './ops.ts'

describe('startSimulatorOps', () => {
  it('serves what was sent and acknowledged as Prometheus counters, and is ready only while publishing', async () => {
    const status: RunStatus = { counts: { sent: 10, acked: 7, refused: 2, failed: 1 }, simNowMs: 1_772_409_600_000, running: true }
    const ops = await startSimulatorOps({ port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), status: () => status })
    try {
      const url = `http://127.0.0.1:${ops.port}`
      const metrics = await (await fetch(`${url}/metrics`)).text()
      expect(metrics).toContain('millstream_simulator_sent_total 10')
      expect(metrics).toContain('millstream_simulator_settled_total{outcome="refused"} 2')
      expect(metrics).toContain('millstream_simulator_sim_time_seconds 1772409600')
      expect(metrics).toContain('# TYPE process_cpu_seconds_total counter')
      status.counts = { sent: 15, acked: 12, refused: 2, failed: 1 }
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('millstream_simulator_settled_total{outcome="acked"} 12')
      expect((await fetch(`${url}/readyz`)).status).toBe(200)
      status.running = false
      expect((await fetch(`${url}/readyz`)).status).toBe(503)
    } finally {
      await ops.stop()
    }
  })
})
