import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { MetricsRegistry } from './metrics-registry.ts'

export interface ProcessMetrics {
  /** Stops sampling the event loop. */
  stop(): void
}

const NS_PER_S = 1e9
const NS_PER_MS = 1e6
const US_PER_S = 1e6
/** 20 ms sampling is what prom-client uses: cheap, and fine enough to see a blocked loop. */
const EVENT_LOOP_RESOLUTION_MS = 20

/**
 * Registers the usual process metrics under their conventional names (the ones Grafana's
 * Node.js dashboards expect): CPU seconds, resident memory, start time, uptime, and the event
 * loop delay since the previous scrape.
 */
export function registerProcessMetrics(registry: MetricsRegistry): ProcessMetrics {
  const startTimeS = Math.round((Date.now() - process.uptime() * 1000) / 1000)
  let reportedCpuUs = { user: 0, system: 0 }

  registry.counter({
    name: 'process_cpu_seconds_total',
    help: 'User and system CPU time spent, in seconds.',
    labelNames: ['mode'],
    collect(counter) {
      const cpuUs = process.cpuUsage()
      counter.inc({ mode: 'user' }, Math.max(0, cpuUs.user - reportedCpuUs.user) / US_PER_S)
      counter.inc({ mode: 'system' }, Math.max(0, cpuUs.system - reportedCpuUs.system) / US_PER_S)
      reportedCpuUs = cpuUs
    },
  })
  registry.gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size, in bytes.',
    collect: (gauge) => gauge.set(process.memoryUsage.rss()),
  })
  registry.gauge({
    name: 'process_start_time_seconds',
    help: 'Start time of the process since the Unix epoch, in seconds.',
    collect: (gauge) => gauge.set(startTimeS),
  })
  registry.gauge({
    name: 'process_uptime_seconds',
    help: 'Time since the process started, in seconds.',
    collect: (gauge) => gauge.set(process.uptime()),
  })

  const loopDelay = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS })
  loopDelay.enable()
  registry.gauge({
    name: 'nodejs_eventloop_delay_seconds',
    help: 'How late the event loop ran a timer since the previous scrape, in seconds, by statistic (mean, p99, max).',
    labelNames: ['stat'],
    collect(gauge) {
      // The histogram records the time between samples, which includes the sampling interval
      // itself; what is beyond it is the delay. Before the first sample its mean is NaN.
      const sampled = loopDelay.count > 0
      const toDelayS = (ns: number) => (sampled ? Math.max(0, ns - EVENT_LOOP_RESOLUTION_MS * NS_PER_MS) / NS_PER_S : 0)
      gauge.set({ stat: 'mean' }, toDelayS(loopDelay.mean))
      gauge.set({ stat: 'p99' }, toDelayS(loopDelay.percentile(99)))
      gauge.set({ stat: 'max' }, toDelayS(loopDelay.max))
      loopDelay.reset()
    },
  })
  return { stop: () => loopDelay.disable() }
}
