import type { LedgerCounts } from './report/ledger.ts'

/** One progress line: simulated time, what was sent and acknowledged, and the rate since the last line. */
export function progressLine(o: { simNowMs: number; counts: LedgerCounts; previousAcked: number; intervalMs: number; inFlight?: number }): string {
  const rate = Math.round(((o.counts.acked - o.previousAcked) * 1000) / Math.max(1, o.intervalMs))
  const sim = Number.isFinite(o.simNowMs) ? new Date(o.simNowMs).toISOString().slice(0, 19) + 'Z' : '-'
  return `[simulator] sim ${sim}  sent ${o.counts.sent}  acked ${o.counts.acked}  refused ${o.counts.refused}  failed ${o.counts.failed}  ${rate} msg/s`
}

/** The closing summary on the terminal. */
export function summaryLines(o: { counts: LedgerCounts; elapsedMs: number; fromMs: number; toMs: number; injected: Record<string, unknown>; reportPath?: string }): string {
  const seconds = o.elapsedMs / 1000
  const iso = (ms: number) => new Date(ms).toISOString()
  return [
    `[simulator] done: simulated ${iso(o.fromMs)} .. ${iso(o.toMs)} in ${seconds.toFixed(1)} s`,
    `[simulator] sent ${o.counts.sent}, acked ${o.counts.acked}, refused ${o.counts.refused}, failed ${o.counts.failed} (${Math.round(o.counts.acked / Math.max(seconds, 0.001))} msg/s)`,
    `[simulator] injected ${JSON.stringify(o.injected)}`,
    ...(o.reportPath ? [`[simulator] report written to ${o.reportPath}`] : []),
  ].join('\n')
}
