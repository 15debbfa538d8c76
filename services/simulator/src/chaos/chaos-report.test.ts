import { PAYLOAD_SCHEMAS, indexRegistry, parseTopic } from '@millstream/contract'
import { TEST_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'
import { beforeAll, describe, expect, it } from 'vitest'
import { sumOfIncrements } from '../report/expected-totals.ts'
import { toRanges } from '../report/seq-ranges.ts'
import type { SimMessage } from '../sim/sim-message.ts'
import type { SimulatorSummary } from '../app.ts'
import { DEFAULT_CHAOS } from './chaos-config.ts'
import { runInProcess } from '../testing/run-in-process.ts'

const HEAVY = { ...DEFAULT_CHAOS, duplicate: 0.03, outOfOrder: 0.02, late: 0.01, lateDelayS: 900, bad: 0.01, gapPerDeviceH: 0.5, gapS: 120, resetPerDeviceH: 0.5 }

describe('chaos mode', () => {
  let summary: SimulatorSummary
  let received: SimMessage[]
  beforeAll(async () => {
    ;({ summary, received } = await runInProcess({ chaos: HEAVY, hours: 4 }))
  })
  const count = (pick: (m: SimMessage) => boolean) => received.filter(pick).length

  it('reports exactly the duplicates, delays and bad messages it sent', () => {
    const { injected, totals } = summary.report
    expect(totals.sent).toBe(received.length)
    expect(totals.acked).toBe(received.length)
    expect(injected.duplicates).toBe(count((m) => m.kind === 'duplicate'))
    expect(injected.late).toBe(count((m) => m.kind === 'telemetry' && m.delay === 'late'))
    expect(injected.outOfOrder).toBe(count((m) => m.kind === 'telemetry' && m.delay === 'out_of_order'))
    for (const kind of ['malformed_json', 'wrong_types', 'negative_total', 'unknown_machine'] as const) {
      expect(injected.bad[kind], kind).toBe(count((m) => m.bad?.kind === kind))
      expect(injected.bad[kind], kind).toBeGreaterThan(0)
    }
    expect(summary.report.bad).toHaveLength(count((m) => m.kind === 'bad'))
    expect(injected.duplicates).toBeGreaterThan(0)
    expect(injected.late).toBeGreaterThan(0)
    expect(injected.outOfOrder).toBeGreaterThan(0)
  })

  it("lists each device's acknowledged and duplicated seqs as they were received", () => {
    const byDevice = new Map<string, { seqs: number[]; dups: number[] }>()
    for (const m of received) {
      if (m.seq === undefined) continue
      const d = byDevice.get(m.deviceKey) ?? { seqs: [], dups: [] }
      ;(m.kind === 'duplicate' ? d.dups : d.seqs).push(m.seq)
      byDevice.set(m.deviceKey, d)
    }
    expect(Object.keys(summary.report.devices).sort()).toEqual([...byDevice.keys()].sort())
    for (const [key, d] of byDevice) {
      expect(summary.report.devices[key]?.ackedSeqs, key).toEqual(toRanges(d.seqs))
      expect(summary.report.devices[key]?.duplicateSeqs, key).toEqual([...d.dups].sort((a, b) => a - b))
    }
  })

  it('loses whole stretches in offline gaps and accounts for every missing seq', () => {
    const { gaps, devices, injected } = summary.report
    expect(gaps.length).toBeGreaterThan(0)
    expect(injected.droppedInGaps).toBe(gaps.reduce((n, g) => n + g.droppedSeqs[1] - g.droppedSeqs[0] + 1, 0))
    for (const [key, device] of Object.entries(devices)) {
      const seen = new Set(device.ackedSeqs.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)))
      for (const g of gaps.filter((x) => x.device === key)) for (let s = g.droppedSeqs[0]; s <= g.droppedSeqs[1]; s++) expect(seen.has(s)).toBe(false)
      const dropped = gaps.filter((x) => x.device === key).reduce((n, g) => n + g.droppedSeqs[1] - g.droppedSeqs[0] + 1, 0)
      const max = Math.max(...seen)
      expect(seen.size + dropped, key).toBe(max + 1)
    }
  })

  it('delays late samples by the late delay and out-of-order ones past newer messages of their device', () => {
    const newestTs = new Map<string, number>()
    let overtaken = 0
    let delayed = 0
    for (const m of received) {
      if (m.kind === 'telemetry' && m.delay === 'late') expect(m.atMs - m.ts).toBeGreaterThanOrEqual(HEAVY.lateDelayS * 1000)
      if (m.kind === 'telemetry' && m.delay === 'out_of_order') {
        delayed++
        // Overtaken unless the device fell silent (a restart or a gap) while the message was held.
        if ((newestTs.get(m.deviceKey) ?? -Infinity) > m.ts) overtaken++
      }
      if (m.kind === 'telemetry') newestTs.set(m.deviceKey, Math.max(m.ts, newestTs.get(m.deviceKey) ?? -Infinity))
    }
    expect(overtaken / delayed).toBeGreaterThan(0.9)
  })

  it('sends bad messages that break the contract in exactly the way the report expects', () => {
    const index = indexRegistry(loadRegistry(TEST_REGISTRY_PATH))
    for (const m of received.filter((x) => x.kind === 'bad')) {
      const reason = m.bad?.expectedReason
      const topic = parseTopic(m.topic)
      expect(topic.ok).toBe(true)
      if (!topic.ok) continue
      if (reason === 'malformed_json') {
        expect(() => JSON.parse(m.payload)).toThrow()
        continue
      }
      const body = JSON.parse(m.payload) as { total: unknown }
      if (reason === 'unknown_device') {
        expect(index.device(topic.ref)).toBeUndefined()
        expect(PAYLOAD_SCHEMAS[topic.channel].safeParse(body).success).toBe(true)
      } else {
        expect(index.device(topic.ref)).toBeDefined()
        expect(PAYLOAD_SCHEMAS[topic.channel].safeParse(body).success).toBe(false)
        if (reason === 'negative_cumulative') expect(body.total).toBeLessThan(0)
        if (reason === 'schema_violation') expect(typeof body.total).toBe('string')
      }
    }
  })

  it('restarts devices with counters and meters from zero, as the report lists', () => {
    const { resets } = summary.report
    expect(resets.length).toBeGreaterThan(0)
    for (const reset of resets) {
      const readings = received.filter((m) => m.deviceKey === reset.device && m.kind === 'telemetry' && m.reading && m.delay === undefined)
      const series = readings[0]?.reading?.series
      const ofSeries = readings.filter((m) => m.reading?.series === series).sort((a, b) => a.ts - b.ts)
      const before = ofSeries.filter((m) => m.ts < reset.atMs).at(-1)
      const after = ofSeries.find((m) => m.ts >= reset.atMs)
      if (before && after) expect(after.reading!.total, reset.device).toBeLessThan(before.reading!.total)
    }
  })

  it('reports for each series the increments a correct pipeline must add up', () => {
    for (const [key, device] of Object.entries(summary.report.devices)) {
      const series = new Map<string, [number, number][]>()
      for (const m of received) {
        if (m.deviceKey !== key || m.kind !== 'telemetry' || !m.reading || m.delay === 'late') continue
        series.set(m.reading.series, [...(series.get(m.reading.series) ?? []), [m.ts, m.reading.total]])
      }
      for (const [name, readings] of series) expect(device.expectedIncrements[name], `${key} ${name}`).toBeCloseTo(sumOfIncrements(readings), 6)
    }
  })
})

describe('publish outcomes', () => {
  it('counts a PUBACK reason code >= 0x80 as refused and leaves those seqs out of the acknowledged ones', async () => {
    const refusedTopic = (topic: string) => topic.includes('/sewing/')
    const { summary, received } = await runInProcess({ hours: 1, outcome: (m) => (refusedTopic(m.topic) ? { kind: 'refused', reasonCode: 0x87 } : { kind: 'acked' }) })
    const refused = received.filter((m) => refusedTopic(m.topic))
    expect(refused.length).toBeGreaterThan(0)
    expect(summary.report.totals.refused).toBe(refused.length)
    expect(summary.report.totals.acked).toBe(received.length - refused.length)
    expect(summary.report.refused.every((r) => r.reasonCode === 0x87)).toBe(true)
    const sewing = Object.entries(summary.report.devices).filter(([key]) => key.includes('/sewing/'))
    for (const [, device] of sewing) {
      expect(device.acked).toBe(0)
      expect(device.refusedSeqs.length).toBeGreaterThan(0)
    }
  })

  it('counts publishes that never got a PUBACK as failed', async () => {
    const { summary } = await runInProcess({ hours: 0.25, outcome: (m) => (m.channel === 'state' ? { kind: 'failed', error: 'connection closed' } : { kind: 'acked' }) })
    expect(summary.report.totals.failed).toBe(summary.report.totals.byChannel.state)
    expect(summary.report.totals.failed).toBeGreaterThan(0)
  })
})

describe('register discontinuities (issue 9)', () => {
  let summary: SimulatorSummary
  let received: SimMessage[]
  beforeAll(async () => {
    ;({ summary, received } = await runInProcess({ chaos: { ...DEFAULT_CHAOS, duplicate: 0, outOfOrder: 0, late: 0, bad: 0, gapPerDeviceH: 0, resetPerDeviceH: 0, discontinuityPerDeviceH: 1 }, hours: 4 }))
  })

  it('injects rewinds, replaced meters and spikes, and lists the intervals a pipeline must exclude with their reasons', () => {
    const { discontinuities, excludedIntervals, injected } = summary.report
    expect(injected.discontinuities).toBe(discontinuities.length)
    expect(new Set(discontinuities.map((d) => d.fault))).toEqual(new Set(['rewind', 'meter_replaced', 'spike']))
    // A spike excludes the interval into it and the one out of it; a rewind or replacement one.
    const expected = discontinuities.reduce((n, d) => n + (d.fault === 'spike' ? 2 : 1), 0)
    expect(excludedIntervals).toHaveLength(expected)
    for (const d of discontinuities) {
      const into = excludedIntervals.find((e) => e.device === d.device && e.series === d.series && e.next.seq === d.seq)
      expect(into, `${d.device} ${d.series} ${d.fault}`).toBeDefined()
      if (d.fault === 'spike') {
        expect(into?.reason).toBe('implausible_jump')
        expect(excludedIntervals.find((e) => e.device === d.device && e.series === d.series && e.prev.seq === d.seq)?.reason).toBe('rewind')
      }
      if (d.fault === 'rewind') expect(into?.reason).toBe('rewind')
    }
  })

  it('adds up the published readings of each series except the excluded intervals', () => {
    for (const [device, report] of Object.entries(summary.report.devices)) {
      for (const [series, expected] of Object.entries(report.expectedIncrements)) {
        const readings = received.filter((m) => m.deviceKey === device && m.reading?.series === series).map((m) => [m.ts, m.reading!.total] as const)
        const excluded = summary.report.excludedIntervals.filter((e) => e.device === device && e.series === series).reduce((s, e) => s + (e.next.total >= e.prev.total ? e.next.total - e.prev.total : e.next.total), 0)
        expect(expected, `${device} ${series}`).toBeCloseTo(sumOfIncrements(readings) - excluded, 3)
      }
    }
  })
})
