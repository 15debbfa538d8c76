import type { ConnectionLostRecord, TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import mqtt from 'mqtt'
import sparkplugPayload from 'sparkplug-payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { openSse, type SseEvent } from '../api/sse-client.ts'
import { aggregatorRun, startTestAggregator, waitUntil, type AggregatorRun } from '../support/aggregator.ts'
import { startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket, pivotedRows } from '../support/influx.ts'
import { consumeFrom, endOffsets, testKafka } from '../support/kafka.ts'
import { mqttPassword, servers, uniqueName } from '../support/servers.ts'
import { startTahuNode, telemetryRecords, testDeviceBirths } from '../support/sparkplug.ts'

const MIN = 60_000
const PLANT = '/v1/firms/test-firm/plants/test-plant'
const floorMinute = (ms: number) => Math.floor(ms / MIN) * MIN
type Aggregator = Awaited<ReturnType<typeof startTestAggregator>>

let bucket = ''
let topic = ''
let run: AggregatorRun
let ingest: Ingest
let aggregator: Aggregator
let api: TestApi
beforeAll(async () => {
  bucket = await createTestBucket('e2e')
  topic = uniqueName('e2e.sparkplug-death')
  run = aggregatorRun(topic, bucket)
  ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_SPARKPLUG: 'true', INGEST_SPARKPLUG_REBIRTH_INTERVAL: '300ms', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
  // Short lateness and spread: the minutes of a death become final (and send their events) seconds after newer data.
  aggregator = await startTestAggregator(run, { LOG_LEVEL: 'error', AGG_ALLOWED_LATENESS: '10s', AGG_MAX_SPREAD: '10s' })
  api = await startTestApi({ bucket, env: { API_LIVE_TOPIC: run.live, API_TELEMETRY_TOPIC: topic, API_SSE_HEARTBEAT: '200ms' } })
  await primeLiveFeed()
}, 90_000)
afterAll(async () => {
  await api?.stop()
  await aggregator?.stop()
  await ingest?.stop()
  if (bucket) await deleteTestBucket(bucket)
})

/** The API's live consumer joins its group in the background: a record sent before then is not seen. */
async function primeLiveFeed(): Promise<void> {
  const producer = testKafka().producer()
  await producer.connect()
  const s = openSse(`${api.base}${PLANT}/live`, await api.tokenOf('plant_manager'))
  try {
    await s.waitFor((e) => e.event === 'snapshot', 20_000)
    const ts = Date.now() - 10 * MIN
    const value = JSON.stringify({ v: 1, firm: 'test-firm', plant: 'test-plant', line: 'sewing', device: 'sw-02', ts, receivedAt: ts, channel: 'state', state: 'off' })
    const deadline = Date.now() + 30_000
    while (!s.events.some((e) => e.event === 'state') && Date.now() < deadline) {
      await producer.send({ topic, messages: [{ key: 'test-firm/test-plant/sewing/sw-02', value }] })
      await new Promise((r) => setTimeout(r, 500))
    }
  } finally {
    await s.close()
    await producer.disconnect()
  }
}

async function ingestMetric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ingest.opsPort}/metrics`)).text()
  return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)
}

const isState = (device: string, state: string) => (e: SseEvent) => e.event === 'state' && (e.data as { device?: string }).device === device && (e.data as { state?: string }).state === state
/** The `unknown` state records of a device on the telemetry topic after `from`. */
async function unknownRecords(from: Awaited<ReturnType<typeof endOffsets>>, devices: readonly string[], settleMs = 300) {
  const unknownOf = (rs: Parameters<typeof telemetryRecords>[0]) => telemetryRecords(rs).filter((r): r is Extract<TelemetryRecord, { channel: 'state' }> => r.channel === 'state' && r.state === 'unknown')
  return unknownOf(await consumeFrom(topic, from, { until: (rs) => devices.every((d) => unknownOf(rs).some((r) => r.device === d)), timeoutMs: 20_000, settleMs }))
}

describe('a Sparkplug B death turns the node\'s machines to unknown, and says so in the data-quality view (issue 16)', () => {
  it('a cut connection (the broker publishes the will): unknown at once in the live feed and in the minutes, a data-quality event; a stale will changes nothing; the rebirth brings the state back', async () => {
    const token = await api.tokenOf('plant_manager')
    const live = openSse(`${api.base}${PLANT}/live`, token)
    await live.waitFor((e) => e.event === 'snapshot')
    // Births three minutes back: running (loom) and idle (frame) would hold to the staleness limit (5 min) without the death.
    const bornMs = floorMinute(Date.now()) - 3 * MIN
    let birthMs = bornMs
    const tahu = startTahuNode({ births: () => testDeviceBirths(birthMs) })
    try {
      await tahu.born()
      await live.waitFor(isState('loom-01', 'running'), 15_000)
      const from = await endOffsets(topic)
      // The node comes back (mqtt.js reconnects in 1 s and Tahu births again) with data timed after the next minute
      // edge: the minutes of the death close as soon as it is in.
      birthMs = floorMinute(Date.now()) + 3 * MIN + 30_000
      const cutMs = Date.now()
      ;(tahu.node as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy()

      const died = await unknownRecords(from, ['loom-01', 'rf-01'])
      expect(died.map((r) => [r.device, r.reason]).sort()).toEqual([['loom-01', 'edge_node_death'], ['rf-01', 'edge_node_death']])
      const deathMs = died[0]?.ts ?? 0
      // The will's time is the host's receipt: after the cut, before the test read it back.
      expect(deathMs).toBeGreaterThanOrEqual(cutMs)
      expect(died.every((r) => r.ts === deathMs)).toBe(true)
      await live.waitFor(isState('loom-01', 'unknown'), 10_000)
      await live.waitFor(isState('rf-01', 'unknown'), 10_000)
      // Reborn: the live state comes back.
      await live.waitFor((e) => isState('loom-01', 'running')(e) && (e.data as { ts: number }).ts === birthMs, 15_000)

      // The minutes of the death: running until the death, then unknown (the staleness limit would have said running).
      const minuteRows = async () => (await pivotedRows(bucket, 'machine_minute', floorMinute(deathMs), floorMinute(deathMs) + 2 * MIN, ['machine'])).filter((r) => r.machine === 'loom-01')
      await waitUntil('the minutes of the death in InfluxDB', async () => (await minuteRows()).length === 2, 20_000, 300)
      const [deathMinute, next] = await minuteRows()
      expect(Number(deathMinute?.running_s)).toBeCloseTo((deathMs - floorMinute(deathMs)) / 1000, 6)
      expect(Number(deathMinute?.unknown_s)).toBeCloseTo((floorMinute(deathMs) + MIN - deathMs) / 1000, 6)
      expect([next?.running_s, next?.unknown_s]).toEqual([0, 60])

      // The data-quality view: one connection loss per machine of the node, and the event on the anomaly topic.
      const day = new Date(deathMs + 8 * 3_600_000).toISOString().slice(0, 10) // the plant's local day (Asia/Shanghai)
      await waitUntil('the loss in /data-quality', async () => {
        const body = (await api.get(`${PLANT}/data-quality?from=${day}&to=${day}`, token)).body as { rows: { group: { device: string }; values: { connectionLosses: number } }[] }
        return ['loom-01', 'rf-01'].every((d) => body.rows.some((r) => r.group.device === d && r.values.connectionLosses === 1))
      }, 20_000, 300)
      const events = await consumeFrom<ConnectionLostRecord>(run.anomaly, [], { until: (rs) => rs.filter((r) => r.value.reason === 'connection_lost').length >= 2, timeoutMs: 20_000, settleMs: 300 })
      expect(events.map((e) => [e.value.device, e.value.ts, e.value.cause]).sort()).toEqual([['loom-01', deathMs, 'edge_node_death'], ['rf-01', deathMs, 'edge_node_death']])

      // A will left over from another connection (another bdSeq) must not end the new session.
      const staleFrom = await endOffsets(topic)
      const raw = await mqtt.connectAsync(servers().mqttUrl, { username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER), protocolVersion: 5 })
      const spB = sparkplugPayload.get('spBv1.0')!
      await raw.publishAsync('spBv1.0/test-firm/NDEATH/test-plant', Buffer.from(spB.encodePayload({ timestamp: Date.now(), metrics: [{ name: 'bdSeq', type: 'UInt64', value: 7 }] })), { qos: 1 })
      await raw.endAsync()
      await expect.poll(() => ingestMetric('millstream_ingest_sparkplug_stale_deaths_total'), { timeout: 10_000, interval: 200 }).toBe(1)
      const afterStale = await consumeFrom(topic, staleFrom, { until: () => false, timeoutMs: 1_500, settleMs: 0 })
      expect(telemetryRecords(afterStale)).toEqual([])
      expect(await ingestMetric('millstream_ingest_sparkplug_deaths_total{scope="node"}')).toBe(1)
    } finally {
      tahu.stop()
      await live.close()
    }
  }, 60_000)

  it('a clean stop (NDEATH published by the node) and a DDEATH: each machine turns unknown once, in Kafka and in the live feed', async () => {
    const live = openSse(`${api.base}${PLANT}/live`, await api.tokenOf('plant_manager'))
    await live.waitFor((e) => e.event === 'snapshot')
    const tahu = startTahuNode({ births: testDeviceBirths })
    await tahu.born()
    await live.waitFor(isState('rf-01', 'idle'), 15_000)
    const from = await endOffsets(topic)
    const ddeathMs = Date.now() - 1_000
    tahu.node.publishDeviceDeath('rf-01', { timestamp: ddeathMs, metrics: [] })
    await live.waitFor(isState('rf-01', 'unknown'), 10_000)
    tahu.stop()
    await live.waitFor(isState('loom-01', 'unknown'), 10_000)
    const died = await unknownRecords(from, ['loom-01', 'rf-01'], 1_000)
    // The DDEATH carries the node's time; the NDEATH ends the session of the devices still alive (not rf-01 again).
    expect(died.map((r) => [r.device, r.reason, r.device === 'rf-01' ? r.ts : 'receipt']).sort()).toEqual([['loom-01', 'edge_node_death', 'receipt'], ['rf-01', 'device_death', ddeathMs]])
    await live.close()
  }, 30_000)
})
