import { createHash } from 'node:crypto'
import { KAFKA_TOPICS, type DeadLetterRecord, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { countJobs, startTestIngest, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { consumeFrom, endOffsets, testKafka } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'
import { mqttPassword, servers, uniqueName } from '../support/servers.ts'

const DAY_MS = 24 * 3600_000
const INGEST_LIMIT = 16 * 1024
/** Mosquitto's max_packet_size (deploy/local/lib/mosquitto.sh); it counts the packet less its length bytes. */
const BROKER_LIMIT = 1024 * 1024

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

/** A valid state payload of exactly `bytes` bytes (padded with an unknown field, which ingest drops). */
function stateOfSize(bytes: number, ts: number): Buffer {
  const body = JSON.stringify({ ts, state: 'idle', pad: '' })
  return Buffer.from(body.replace('"pad":""', `"pad":"${'x'.repeat(bytes - body.length)}"`))
}
/** The payload size that makes a QoS 1 PUBLISH on `topic` exactly `packetBytes` as the broker counts it (MQTT 5, no properties). */
const payloadForPacket = (packetBytes: number, topic: string) => packetBytes - 1 - (2 + Buffer.byteLength(topic) + 2 + 1)

const gateway = () => mqtt.connectAsync(servers().mqttUrl, { protocolVersion: 5, clientId: uniqueName('big'), username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER), reconnectPeriod: 0 })
const valid = (base: number) => (r: { value: TelemetryRecord }) => r.value.firm === 'test-firm' && r.value.ts > base && r.value.ts <= base + DAY_MS
const ids = (records: { key: string; value: TelemetryRecord }[]) => new Set(records.map((r) => `${r.key}#${r.value.seq}`))

describe('size limits agree, and no single message stops the others (issue 10)', () => {
  it('takes payloads at and under the ingest limit, dead-letters a bounded prefix of larger ones up to the broker limit, and the broker refuses beyond it, while valid traffic flows', async () => {
    ingest = await startTestIngest({ LOG_LEVEL: 'error' })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const base = Date.now() - 8 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const flowing = publishAll(countJobs(base, 300), { username: TEST_PLANT_USER, connections: 1, window: 100 })

    const topic = `${TEST_PREFIX}/weaving/loom-02/state`
    const ts = base + 500
    const atBroker = payloadForPacket(BROKER_LIMIT, topic)
    const big = await gateway()
    for (const bytes of [INGEST_LIMIT - 1, INGEST_LIMIT, INGEST_LIMIT + 1, 900_000, atBroker - 1, atBroker]) await big.publishAsync(topic, stateOfSize(bytes, ts), { qos: 1 })
    // One byte over the broker's limit: MQTT 5 DISCONNECT 0x95 (Packet too large), no PUBACK.
    const closed = new Promise<void>((resolve) => big.once('close', () => resolve()))
    const refused = big.publishAsync(topic, stateOfSize(atBroker + 1, ts), { qos: 1 }).then(() => 'acked', () => 'no puback')
    await closed
    big.end(true)
    expect(await Promise.race([refused, new Promise((r) => setTimeout(() => r('no puback'), 1000))])).toBe('no puback')

    expect(await flowing).toEqual({ acked: 2100, refused: 0 })
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => ids(rs.filter(valid(base))).size >= 2100 + 1, timeoutMs: 30_000, settleMs: 300 })
    expect(ids(records.filter(valid(base)).filter((r) => r.value.channel === 'count')).size).toBe(2100)
    expect(records.filter((r) => r.value.ts === ts && r.value.channel === 'state')).toHaveLength(2)

    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.filter((r) => r.value.source.topic === topic).length >= 4, timeoutMs: 30_000, settleMs: 300 })
    const mine = dead.filter((r) => r.value.source.topic === topic).map((r) => r.value)
    expect(mine.map((d) => d.payloadBytes).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([INGEST_LIMIT + 1, 900_000, atBroker - 1, atBroker])
    for (const d of mine) {
      const original = stateOfSize(d.payloadBytes ?? 0, ts)
      expect(d).toMatchObject({ reason: 'payload_too_large', payloadTruncated: true, payloadSha256: createHash('sha256').update(original).digest('hex') })
      expect(Buffer.from(d.payloadBase64, 'base64')).toEqual(original.subarray(0, INGEST_LIMIT))
    }
  })

  it('dead-letters as kafka_rejected a record Kafka refuses for good, just over its limit, and writes the one just under, while valid traffic flows', async () => {
    const dlq = uniqueName('test-dlq-small')
    const admin = testKafka().admin()
    await admin.connect()
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: dlq, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: '4096' }] }] })
    await admin.disconnect()
    ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_DLQ_TOPIC: dlq })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 9 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const topic = `${TEST_PREFIX}/weaving/loom-01/count`
    // Malformed JSON: its dead-letter record is ~4/3 of the payload plus ~400 bytes.
    const under = Buffer.from(`{"ts":${'1'.repeat(2000)}`)
    const over = Buffer.from(`{"ts":${'2'.repeat(3500)}`)
    const [flow, bad] = await Promise.all([
      publishAll(countJobs(base, 200), { username: TEST_PLANT_USER, connections: 1, window: 100 }),
      publishAll([under, over].map((payload) => ({ topic, payload })), { username: TEST_PLANT_USER, connections: 1, window: 1 }),
    ])
    expect([flow, bad]).toEqual([{ acked: 1400, refused: 0 }, { acked: 2, refused: 0 }])
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => ids(rs.filter(valid(base))).size >= 1400, timeoutMs: 30_000, settleMs: 200 })
    expect(ids(records.filter(valid(base))).size).toBe(1400)
    const dead = await consumeFrom<DeadLetterRecord>(dlq, [], { until: (rs) => rs.length >= 2, timeoutMs: 30_000, settleMs: 300 })
    const byReason = Object.fromEntries(dead.map((d) => [d.value.reason, d.value]))
    expect(Object.keys(byReason).sort()).toEqual(['kafka_rejected', 'malformed_json'])
    expect(Buffer.from(byReason.malformed_json?.payloadBase64 ?? '', 'base64')).toEqual(under)
    expect(byReason.kafka_rejected).toMatchObject({ payloadBytes: over.byteLength, payloadBase64: '', payloadTruncated: true, payloadSha256: createHash('sha256').update(over).digest('hex') })
    expect(byReason.kafka_rejected?.message).toMatch(/MESSAGE_TOO_LARGE/)
    const metrics = await (await fetch(`http://127.0.0.1:${ingest.opsPort}/metrics`)).text()
    expect(metrics).toMatch(/^millstream_ingest_kafka_refused_records_total\{topic="dlq"\} 1$/m)
  })
})
