import type { BadKind } from '../chaos/bad-payloads.ts'
import type { Injections, SimMessage } from '../sim/sim-message.ts'
import { reconcileSeries, type PublishedReading } from './expected-totals.ts'
import type { PublishOutcome } from './publish-outcome.ts'
import type { DeviceReport, SimulationReport, ReportMeta } from './report-types.ts'
import { rangeCount, toRanges } from './seq-ranges.ts'

export interface LedgerCounts {
  sent: number
  acked: number
  refused: number
  failed: number
}

interface DeviceLedger {
  acked: number[]
  duplicates: number[]
  late: number[]
  outOfOrder: number[]
  refused: number[]
  readings: Map<string, PublishedReading[]>
  /** Acknowledged, non-late process readings per gauge. */
  gauges: Map<string, number>
}

/**
 * Records every message handed to a sink and what became of it, and turns that into the
 * reconciliation report: what a test should find in Kafka (acked telemetry, by device and seq)
 * and in the DLQ (bad messages and late samples), and the totals InfluxDB should add up to.
 */
export function createLedger() {
  const counts: LedgerCounts = { sent: 0, acked: 0, refused: 0, failed: 0 }
  const byChannel = { state: 0, count: 0, energy: 0, process: 0 }
  const injected = { duplicates: 0, outOfOrder: 0, late: 0, bad: {} as Partial<Record<BadKind, number>> }
  const devices = new Map<string, DeviceLedger>()
  const bad: SimulationReport['bad'] = []
  const refusals: SimulationReport['refused'] = []

  const deviceOf = (key: string): DeviceLedger => {
    let d = devices.get(key)
    if (!d) {
      d = { acked: [], duplicates: [], late: [], outOfOrder: [], refused: [], readings: new Map(), gauges: new Map() }
      devices.set(key, d)
    }
    return d
  }

  return {
    sent(m: SimMessage): void {
      counts.sent++
      if (m.kind === 'bad' && m.bad) injected.bad[m.bad.kind] = (injected.bad[m.bad.kind] ?? 0) + 1
      if (m.kind === 'duplicate') injected.duplicates++
      if (m.kind === 'telemetry') byChannel[m.channel]++
      if (m.delay === 'late' && m.kind === 'telemetry') injected.late++
      if (m.delay === 'out_of_order' && m.kind === 'telemetry') injected.outOfOrder++
    },

    settled(m: SimMessage, outcome: PublishOutcome): void {
      if (outcome.kind === 'acked') counts.acked++
      else if (outcome.kind === 'refused') counts.refused++
      else counts.failed++
      if (m.kind === 'bad' && m.bad) {
        bad.push({ atMs: m.atMs, topic: m.topic, kind: m.bad.kind, expectedReason: m.bad.expectedReason, outcome: outcome.kind })
        return
      }
      if (m.seq === undefined) return
      const d = deviceOf(m.deviceKey)
      if (outcome.kind === 'refused') {
        d.refused.push(m.seq)
        refusals.push({ topic: m.topic, seq: m.seq, reasonCode: outcome.reasonCode })
      }
      if (outcome.kind !== 'acked') return
      if (m.kind === 'duplicate') {
        d.duplicates.push(m.seq)
        return
      }
      d.acked.push(m.seq)
      if (m.delay === 'late') d.late.push(m.seq)
      else if (m.delay === 'out_of_order') d.outOfOrder.push(m.seq)
      if (m.reading && m.delay !== 'late') {
        const series = d.readings.get(m.reading.series) ?? []
        series.push({ tsMs: m.ts, total: m.reading.total, ...(m.seq === undefined ? {} : { seq: m.seq }), ...(m.reading.mark ? { mark: m.reading.mark } : {}) })
        d.readings.set(m.reading.series, series)
      }
      if (m.gauges && m.delay !== 'late') for (const g of m.gauges) d.gauges.set(g, (d.gauges.get(g) ?? 0) + 1)
    },

    counts: (): Readonly<LedgerCounts> => counts,

    report(meta: ReportMeta, injections: Injections[]): SimulationReport {
      const gaps = injections.flatMap((i) => i.gaps)
      const resets = injections.flatMap((i) => i.resets)
      const discontinuities = injections.flatMap((i) => i.discontinuities)
      const out: Record<string, DeviceReport> = {}
      const excludedIntervals: SimulationReport['excludedIntervals'] = []
      for (const [key, d] of [...devices.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const seqs = toRanges(d.acked)
        const reconciled = [...d.readings.entries()].map(([series, r]) => [series, reconcileSeries(r)] as const)
        for (const [series, r] of reconciled) excludedIntervals.push(...r.excluded.map((e) => ({ device: key, series, ...e })))
        out[key] = {
          ackedSeqs: seqs,
          acked: rangeCount(seqs),
          duplicateSeqs: ascending(d.duplicates),
          lateSeqs: ascending(d.late),
          outOfOrderSeqs: ascending(d.outOfOrder),
          refusedSeqs: ascending(d.refused),
          // Rounded to the published resolution's order: float noise is not a discrepancy.
          expectedIncrements: Object.fromEntries(reconciled.map(([series, r]) => [series, Math.round(r.increments * 1e6) / 1e6])),
          ...(d.gauges.size > 0 ? { processReadings: Object.fromEntries([...d.gauges].sort(([a], [b]) => a.localeCompare(b))) } : {}),
        }
      }
      return {
        version: 1,
        ...meta,
        totals: { ...counts, byChannel, bad: bad.length },
        injected: { ...injected, gaps: gaps.length, droppedInGaps: gaps.reduce((n, g) => n + g.droppedSeqs[1] - g.droppedSeqs[0] + 1, 0), resets: resets.length, discontinuities: discontinuities.length },
        devices: out,
        gaps,
        resets,
        discontinuities,
        excludedIntervals,
        bad,
        refused: refusals,
      }
    },
  }
}

export type Ledger = ReturnType<typeof createLedger>

const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b)
