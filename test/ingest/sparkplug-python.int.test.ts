import { KAFKA_TOPICS } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestIngest } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { startPysparkplugNode, type PyMetric } from '../support/pysparkplug.ts'
import { telemetryRecords } from '../support/sparkplug.ts'

let ingest: Ingest | undefined
let stopNode: (() => void) | undefined
afterEach(async () => {
  stopNode?.()
  stopNode = undefined
  await ingest?.stop()
  ingest = undefined
})

async function metricValue(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ingest?.opsPort}/metrics`)).text()
  return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)
}

describe('the Sparkplug B host with a pysparkplug edge node (PyPI)', () => {
  it('takes births and named data, asks for a rebirth after a seq gap, which pysparkplug answers by reconnecting, and data flows after it', async () => {
    ingest = await startTestIngest({ INGEST_SPARKPLUG: 'true', INGEST_SPARKPLUG_REBIRTH_INTERVAL: '300ms', LOG_LEVEL: 'error' })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const t0 = Date.now() - 60_000
    const loom: PyMetric[] = [
      { name: 'State', type: 'STRING', value: 'running', timestamp: t0 },
      { name: 'Picks', type: 'UINT64', value: 500, timestamp: t0 },
      { name: 'Energy/electricity/Total', type: 'DOUBLE', value: 10.5, timestamp: t0 },
    ]
    const node = startPysparkplugNode({ 'loom-02': loom })
    stopNode = node.stop
    await node.until('born', 1)
    await node.command({ op: 'ddata', device: 'loom-02', metrics: [{ name: 'Picks', type: 'UINT64', value: 900, timestamp: t0 + 1000 }] })
    await node.command({ op: 'skip_seq' })
    await node.command({ op: 'ddata', device: 'loom-02', metrics: [{ name: 'State', type: 'STRING', value: 'down', timestamp: t0 + 2000 }] })
    await node.until('rebirth_requested', 1)
    await node.until('born', 2)
    await node.command({ op: 'ddata', device: 'loom-02', metrics: [{ name: 'Picks', type: 'UINT64', value: 1300, timestamp: t0 + 3000 }] })
    const records = telemetryRecords(await consumeFrom(KAFKA_TOPICS.telemetry, from, { until: (rs) => telemetryRecords(rs).some((r) => r.ts === t0 + 3000 && r.device === 'loom-02'), timeoutMs: 30_000, settleMs: 200 }))
      .filter((r) => r.device === 'loom-02' && r.ts >= t0)
    // The rebirth's DBIRTH repeats the current values with their own timestamps: copies with the
    // same device, channel and ts, which the aggregator counts once (DESIGN.md).
    const distinct = (rs: typeof records) => [...new Set(rs.map((r) => JSON.stringify([r.ts - t0, r.channel, r.channel === 'count' ? r.total : r.channel === 'state' ? r.state : r.channel === 'energy' ? r.total : null])))].map((s) => JSON.parse(s) as unknown[])
    expect(distinct(records.filter((r) => r.ts === t0)).sort()).toEqual([[0, 'count', 500], [0, 'energy', 10.5], [0, 'state', 'running']])
    expect(distinct(records.filter((r) => r.ts > t0))).toEqual([[1000, 'count', 900], [2000, 'state', 'down'], [3000, 'count', 1300]])
    expect(await metricValue('millstream_ingest_sparkplug_rebirth_requests_total{why="seq_gap"}')).toBe(1)
  })
})

describe('the bdSeq rule against pysparkplug 0.6.1', () => {
  // pysparkplug sets up the next connection's will right after its NBIRTH, and its clean
  // disconnect publishes the NDEATH with that next bdSeq, not the birth's. Sparkplug 3.0 asks
  // the host to ignore an NDEATH whose bdSeq is not the session's (a stale will must not kill a
  // newer session), so the host counts it as stale and the machines go unknown by staleness.
  it('counts the clean NDEATH of pysparkplug, whose bdSeq is not its birth\'s, as stale and keeps the session', async () => {
    ingest = await startTestIngest({ INGEST_SPARKPLUG: 'true', LOG_LEVEL: 'error' })
    const node = startPysparkplugNode({ 'loom-02': [{ name: 'State', type: 'STRING', value: 'running' }] })
    stopNode = node.stop
    await node.until('born', 1)
    await node.disconnect()
    await expect.poll(() => metricValue('millstream_ingest_sparkplug_stale_deaths_total'), { timeout: 15_000, interval: 200 }).toBe(1)
    expect(await metricValue('millstream_ingest_sparkplug_deaths_total')).toBe(0)
  })
})
