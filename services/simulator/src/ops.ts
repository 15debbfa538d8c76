import { createMetricsRegistry, startOpsServer, type Counter, type OpsServer } from '@millstream/runtime'
import type { Logger } from 'pino'
import type { RunStatus } from './app.ts'

/** A counter whose total the run keeps: set at each scrape (it only grows, as a counter must). */
const setTotal = (c: Counter, total: number) => {
  c.reset()
  c.inc(total)
}

/**
 * The optional ops endpoints (docs/operations.md): /healthz, /readyz (ready while a run is
 * publishing) and /metrics with what was sent and how it was acknowledged.
 */
export async function startSimulatorOps(o: { port: number; host: string; logger: Logger; status: () => RunStatus }): Promise<OpsServer> {
  const metrics = createMetricsRegistry()
  metrics.counter({ name: 'millstream_simulator_sent_total', help: 'Messages handed to the sink', collect: (c) => setTotal(c, o.status().counts.sent) })
  metrics.counter({
    name: 'millstream_simulator_settled_total',
    help: 'Publishes settled, by outcome: acked (PUBACK), refused (PUBACK reason >= 0x80), failed (no PUBACK)',
    labelNames: ['outcome'] as const,
    collect: (c) => {
      const { acked, refused, failed } = o.status().counts
      c.reset()
      for (const [outcome, value] of [['acked', acked], ['refused', refused], ['failed', failed]] as const) c.inc({ outcome }, value)
    },
  })
  metrics.gauge({ name: 'millstream_simulator_sim_time_seconds', help: 'Simulated instant the slowest plant has reached, Unix seconds', collect: (g) => g.set(o.status().simNowMs / 1000) })
  return startOpsServer({ port: o.port, host: o.host, logger: o.logger, metrics, readiness: { publishing: () => o.status().running } })
}
