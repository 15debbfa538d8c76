import { KAFKA_TOPICS, type DeadLetterRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import mqtt from 'mqtt'
import sparkplugPayload from 'sparkplug-payload'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { mqttPassword, servers } from '../support/servers.ts'
import { startTahuNode, telemetryRecords, testDeviceBirths, waitFor, type TahuNode } from '../support/sparkplug.ts'

const LOOM = 'test-firm/test-plant/weaving/loom-01'
const RF = 'test-firm/test-plant/spinning/rf-01'
const DDATA = 'spBv1.0/test-firm/DDATA/test-plant'
let ingest: Ingest | undefined
let stopNode: (() => void) | undefined
afterEach(async () => {
  stopNode?.()
  stopNode = undefined
  await ingest?.stop()
  ingest = undefined
})

const host = () => startTestIngest({ INGEST_SPARKPLUG: 'true', INGEST_SPARKPLUG_REBIRTH_INTERVAL: '300ms', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' })
async function metricValue(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ingest?.opsPort}/metrics`)).text()
  return text.split('\n').filter((l) => l.startsWith(name)).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0)
}
/** The node's next seq, as Tahu would send it: skipping it is a lost QoS 0 message. */
const skipSeq = (node: TahuNode) => ((node as unknown as { seq: number }).seq += 1)

describe('the Sparkplug B host with an Eclipse Tahu edge node (sparkplug-client from npm)', () => {
  it('turns births and alias-only data into records with the mapped channels, one record per device and message', async () => {
    ingest = await host()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const t0 = Date.now()
    const tahu = startTahuNode({ births: testDeviceBirths })
    stopNode = tahu.stop
    await tahu.born()
    // Alias only, as report by exception sends it: picks and energy of the loom, state of the frame.
    tahu.node.publishDeviceData('loom-01', { timestamp: t0 + 1000, metrics: [{ alias: 2, type: 'UInt64', value: 1600 }, { alias: 3, type: 'Double', value: 51.25 }] })
    tahu.node.publishDeviceData('rf-01', { timestamp: t0 + 2000, metrics: [{ alias: 1, type: 'String', value: 'running' }] })
    const got = await consumeFrom(KAFKA_TOPICS.telemetry, from, { until: (rs) => telemetryRecords(rs).filter((r) => r.ts >= t0 + 1000).length >= 3, timeoutMs: 30_000, settleMs: 300 })
    const records = telemetryRecords(got).filter((r) => r.receivedAt >= t0)
    const loom = records.filter((r) => `${r.firm}/${r.plant}/${r.line}/${r.device}` === LOOM)
    expect(loom.filter((r) => r.ts < t0 + 1000).map((r) => r.channel).sort()).toEqual(['count', 'energy', 'state'])
    expect(loom.filter((r) => r.ts === t0 + 1000)).toEqual([
      expect.objectContaining({ channel: 'count', total: 1600, unit: 'pick' }),
      expect.objectContaining({ channel: 'energy', total: 51.25, medium: 'electricity' }),
    ])
    const rf = records.filter((r) => `${r.firm}/${r.plant}/${r.line}/${r.device}` === RF)
    expect(rf).toContainEqual(expect.objectContaining({ channel: 'state', state: 'idle', reason: 'doffing' }))
    expect(rf).toContainEqual(expect.objectContaining({ channel: 'state', state: 'running', ts: t0 + 2000 }))
    // Several channels of one device in one message travel as one Kafka record (a device batch).
    expect(got.filter((c) => c.key === LOOM && (c.value as { samples?: unknown[] }).samples?.length === 2).length).toBeGreaterThanOrEqual(1)
    // The produced counter counts samples, as for batches, not the device records that carry them.
    expect(await metricValue('millstream_ingest_produced_total')).toBe(records.length)
  })

  it('asks for a rebirth on an unknown alias and on a seq gap, and the Tahu node answers; data after the rebirth flows', async () => {
    ingest = await host()
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const t0 = Date.now()
    const tahu = startTahuNode({ births: testDeviceBirths })
    stopNode = tahu.stop
    await tahu.born()
    tahu.node.publishDeviceData('loom-01', { timestamp: t0 + 1000, metrics: [{ alias: 99, type: 'UInt64', value: 7 }] })
    await waitFor(() => tahu.rebirths() === 1, 15_000, 'a rebirth after the unknown alias')
    await new Promise((r) => setTimeout(r, 400)) // past the rebirth interval
    skipSeq(tahu.node)
    tahu.node.publishDeviceData('loom-01', { timestamp: t0 + 2000, metrics: [{ alias: 2, type: 'UInt64', value: 1700 }] })
    await waitFor(() => tahu.rebirths() === 2, 15_000, 'a rebirth after the seq gap')
    tahu.node.publishDeviceData('loom-01', { timestamp: t0 + 3000, metrics: [{ alias: 2, type: 'UInt64', value: 1800 }] })
    const got = telemetryRecords(await consumeFrom(KAFKA_TOPICS.telemetry, from, { until: (rs) => telemetryRecords(rs).some((r) => r.ts === t0 + 3000), timeoutMs: 30_000, settleMs: 200 }))
    // The message after the gap is good (its aliases are known): it is kept, and so is the next.
    expect(got.filter((r) => r.channel === 'count' && r.ts >= t0 + 2000).map((r) => (r.channel === 'count' ? r.total : 0))).toEqual([1700, 1800])
    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.some((r) => r.value.reason === 'sparkplug_unknown_alias' && r.value.receivedAt >= t0), timeoutMs: 20_000, settleMs: 100 })
    expect(dead.find((r) => r.value.reason === 'sparkplug_unknown_alias' && r.value.receivedAt >= t0)?.value).toMatchObject({ key: LOOM, message: expect.stringMatching(/aliases 99/) })
    expect(await metricValue('millstream_ingest_sparkplug_rebirth_requests_total{why="unknown_alias"}')).toBe(1)
    expect(await metricValue('millstream_ingest_sparkplug_rebirth_requests_total{why="seq_gap"}')).toBe(1)
  })

  it('ends the session on the broker-delivered will (NDEATH) and asks for a birth for data that follows', async () => {
    ingest = await host()
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const t0 = Date.now()
    const tahu = startTahuNode({ births: testDeviceBirths })
    await tahu.born()
    // Cut the TCP connection: the broker publishes the node's will, its NDEATH with the birth's bdSeq.
    ;(tahu.node as unknown as { client: { stream: { destroy(): void } } }).client.stream.destroy()
    await expect.poll(() => metricValue('millstream_ingest_sparkplug_deaths_total{scope="node"}'), { timeout: 20_000, interval: 200 }).toBe(1)
    tahu.node.stop()
    // Data of a dead node (a raw client publishing as the gateway) is not taken: no birth.
    const raw = await mqtt.connectAsync(servers().mqttUrl, { username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER), protocolVersion: 5 })
    const spB = sparkplugPayload.get('spBv1.0')!
    await raw.publishAsync(`${DDATA}/loom-01`, Buffer.from(spB.encodePayload({ timestamp: t0, seq: 5, metrics: [{ name: 'Picks', type: 'UInt64', value: 1 }] })), { qos: 1 })
    await raw.endAsync()
    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.some((r) => r.value.reason === 'sparkplug_no_birth' && r.value.receivedAt >= t0), timeoutMs: 20_000, settleMs: 100 })
    expect(dead.some((r) => r.value.reason === 'sparkplug_no_birth' && r.value.receivedAt >= t0)).toBe(true)
    await expect.poll(() => metricValue('millstream_ingest_sparkplug_rebirth_requests_total{why="no_birth"}'), { timeout: 10_000 }).toBe(1)
  })

  it('dead-letters hostile payloads with reasons (not protobuf, too large, a template where a count belongs, a state outside the contract) and keeps going', async () => {
    ingest = await host()
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const t0 = Date.now()
    const tahu = startTahuNode({ births: testDeviceBirths })
    stopNode = tahu.stop
    await tahu.born()
    const spB = sparkplugPayload.get('spBv1.0')!
    const raw = await mqtt.connectAsync(servers().mqttUrl, { username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER), protocolVersion: 5 })
    const hostile = [
      { payload: Buffer.from('{"ts":1,"total":5}'), reason: 'sparkplug_undecodable' },
      { payload: Buffer.alloc(200_000, 0x0a), reason: 'sparkplug_undecodable' },
      { payload: Buffer.from(spB.encodePayload({ timestamp: t0, metrics: [{ name: 'Picks', type: 'Template', value: { metrics: [] } }] })), reason: 'sparkplug_bad_metric' },
      { payload: Buffer.from(spB.encodePayload({ timestamp: t0, metrics: [{ name: 'State', type: 'String', value: 'dancing' }] })), reason: 'schema_violation' },
    ]
    for (const h of hostile) await raw.publishAsync(`${DDATA}/loom-01`, h.payload, { qos: 1 })
    await raw.publishAsync(`${DDATA}/no-such-machine`, Buffer.from(spB.encodePayload({ timestamp: t0, metrics: [] })), { qos: 1 })
    await raw.publishAsync('spBv1.0/test-firm/DFOO/test-plant', Buffer.from('x'), { qos: 1 })
    await raw.endAsync()
    tahu.node.publishDeviceData('loom-01', { timestamp: t0 + 5000, metrics: [{ alias: 2, type: 'UInt64', value: 4242 }] })
    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.filter((r) => r.value.receivedAt >= t0 && r.value.source.topic.startsWith('spBv1.0/')).length >= hostile.length + 2, timeoutMs: 30_000, settleMs: 300 })
    const reasons = dead.filter((r) => r.value.receivedAt >= t0 && r.value.source.topic.startsWith('spBv1.0/')).map((r) => r.value.reason)
    expect(reasons.sort()).toEqual([...hostile.map((h) => h.reason), 'sparkplug_topic', 'sparkplug_unmapped'].sort())
    const huge = dead.find((r) => r.value.payloadBytes === 200_000)?.value
    expect(huge?.message).toMatch(/limit/)
    const after = telemetryRecords(await consumeFrom(KAFKA_TOPICS.telemetry, from, { until: (rs) => telemetryRecords(rs).some((r) => r.ts === t0 + 5000), timeoutMs: 20_000, settleMs: 100 }))
    expect(after.find((r) => r.ts === t0 + 5000)).toMatchObject({ channel: 'count', total: 4242 })
  })
})
