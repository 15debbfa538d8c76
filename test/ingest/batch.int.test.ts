import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { KAFKA_TOPICS, type DeadLetterRecord, type DeviceBatchRecord, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { afterEach, describe, expect, it } from 'vitest'
import { countSample, TEST_BATCH_TOPIC, telemetryRecords } from '../support/batch.ts'
import { startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'
import { serversCommand } from '../support/process.ts'
import { mqttPassword, servers } from '../support/servers.ts'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const DAY_MS = 24 * 3600 * 1000
const batch = (samples: unknown[]) => ({ topic: TEST_BATCH_TOPIC, payload: JSON.stringify({ samples }) })
const options = { username: TEST_PLANT_USER, connections: 1, window: 1 }

describe('ingest of contract v1.1 batch messages', () => {
  it('writes the good samples as one Kafka record per device and dead-letters each bad one with its index and reason', async () => {
    ingest = await startTestIngest()
    const [okFrom, dlqFrom] = [await endOffsets(KAFKA_TOPICS.telemetry), await endOffsets(KAFKA_TOPICS.telemetryDlq)]
    const base = Date.now() - DAY_MS - Math.floor(Math.random() * DAY_MS)
    const s = (machine: string, seq: number) => countSample(machine, seq, base + seq * 1000)
    const samples = [
      s('weaving/loom-01', 1), s('weaving/loom-02', 1),
      { ...s('weaving/loom-01', 2), total: -5 },
      s('weaving/loom-01', 3), s('weaving/loom-02', 2),
      s('weaving/loom-77', 1),
      { ...s('weaving/loom-01', 4), plant: 'other-plant' },
      { ...s('weaving/loom-01', 5), channel: 'humidity' },
      s('weaving/loom-01', 6),
    ]
    const malformed = [{ topic: TEST_BATCH_TOPIC, payload: '{"samples": [' }, { topic: TEST_BATCH_TOPIC, payload: '{"samples": 5}' }]
    expect(await publishAll([batch(samples), ...malformed], options)).toEqual({ acked: 3, refused: 0 })

    const mine = (r: { value: { ts?: number; receivedAt: number } }) => (r.value.ts ?? 0) > base && (r.value.ts ?? 0) < base + DAY_MS
    const raw = await consumeFrom<DeviceBatchRecord>(KAFKA_TOPICS.telemetry, okFrom, { until: (rs) => rs.filter((r) => r.value.samples?.some((x) => Number(x.ts) > base)).length >= 2 })
    const ours = raw.filter((r) => r.value.samples?.some((x) => Number(x.ts) > base && Number(x.ts) < base + DAY_MS))
    expect(ours.map((r) => r.key).sort()).toEqual(['test-firm/test-plant/weaving/loom-01', 'test-firm/test-plant/weaving/loom-02'])
    const records = ours.flatMap((r) => telemetryRecords(Buffer.from(JSON.stringify(r.value)))).filter((r) => mine({ value: r }))
    expect(records.filter((r) => r.device === 'loom-01').map((r) => r.seq)).toEqual([1, 3, 6])
    expect(records.filter((r) => r.device === 'loom-02').map((r) => r.seq)).toEqual([1, 2])

    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.filter((r) => r.value.source.topic === TEST_BATCH_TOPIC).length >= 6 })
    const fromBatch = dead.filter((r) => r.value.source.topic === TEST_BATCH_TOPIC)
    const indexed = fromBatch.filter((r) => r.value.batchIndex !== undefined).map((r) => [r.value.batchIndex, r.value.reason]).sort((a, b) => Number(a[0]) - Number(b[0]))
    expect(indexed).toEqual([[2, 'negative_cumulative'], [5, 'unknown_device'], [6, 'schema_violation'], [7, 'unknown_channel']])
    const sample5 = fromBatch.find((r) => r.value.batchIndex === 5)?.value
    expect(JSON.parse(Buffer.from(sample5?.payloadBase64 ?? '', 'base64').toString())).toEqual(samples[5])
    expect(fromBatch.filter((r) => r.value.batchIndex === undefined).map((r) => r.value.reason).sort()).toEqual(['malformed_json', 'schema_violation'])
  })

  it('refuses hostile batches with a reason and goes on: too large, 10,000 tiny samples, deeply nested, duplicates', async () => {
    ingest = await startTestIngest()
    const [okFrom, dlqFrom] = [await endOffsets(KAFKA_TOPICS.telemetry), await endOffsets(KAFKA_TOPICS.telemetryDlq)]
    const base = Date.now() - 2 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const one = countSample('weaving/loom-01', 1, base + 1000)
    const hostile = [
      { topic: TEST_BATCH_TOPIC, payload: JSON.stringify({ samples: [one], pad: 'x'.repeat(300 * 1024) }) },
      { topic: TEST_BATCH_TOPIC, payload: JSON.stringify({ samples: Array.from({ length: 10_000 }, () => ({})) }) },
      { topic: TEST_BATCH_TOPIC, payload: `{"samples":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}` },
    ]
    const duplicates = batch([one, one, countSample('weaving/loom-01', 2, base + 2000)])
    expect(await publishAll([...hostile, duplicates], options)).toEqual({ acked: 4, refused: 0 })

    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.filter((r) => r.value.source.topic === TEST_BATCH_TOPIC).length >= 3 })
    const reasons = dead.filter((r) => r.value.source.topic === TEST_BATCH_TOPIC).map((r) => `${r.value.reason}@${r.value.batchIndex ?? '-'}`)
    expect(reasons.sort()).toEqual(['not_an_object@0', 'payload_too_large@-', 'payload_too_large@-'])
    // Duplicates pass ingest as sent: the aggregator counts a (device, boot, seq) once.
    const ok = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, okFrom, { decode: telemetryRecords, until: (rs) => rs.filter((r) => r.value.ts > base && r.value.ts < base + DAY_MS).length >= 3 })
    expect(ok.filter((r) => r.value.ts > base && r.value.ts < base + DAY_MS).map((r) => r.value.seq)).toEqual([1, 1, 2])
  })

  it('is taken from a third-party client: mosquitto_pub publishing a batch over MQTT 5 at QoS 1', async () => {
    ingest = await startTestIngest()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 3 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const samples = ['weaving/loom-01', 'spinning/rf-01', 'sewing/sw-01'].flatMap((m) => [1, 2].map((seq) => countSample(m, seq, base + seq * 1000)))
    const url = new URL(servers().mqttUrl)
    await promisify(execFile)('mosquitto_pub', ['-h', url.hostname, '-p', url.port, '-V', 'mqttv5', '-q', '1', '-u', TEST_PLANT_USER, '-P', mqttPassword(TEST_PLANT_USER), '-t', TEST_BATCH_TOPIC, '-m', JSON.stringify({ samples })])
    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts < base + DAY_MS
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { decode: telemetryRecords, until: (rs) => rs.filter(mine).length >= 6 })
    expect(records.filter(mine).map((r) => `${r.value.device}#${r.value.seq}`).sort()).toEqual(['loom-01#1', 'loom-01#2', 'rf-01#1', 'rf-01#2', 'sw-01#1', 'sw-01#2'])
  })
})

describe('ingest of a batch while Kafka is down', () => {
  it('withholds the acknowledgement until Kafka has every record of the batch, then releases it', async () => {
    const script = servers().serversScript
    expect(script, 'fault tests kill the local Kafka through deploy/local/servers.sh').not.toBe('')
    ingest = await startTestIngest({ LOG_LEVEL: 'error' })
    const source = ingest.source
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 4 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const samples = ['weaving/loom-01', 'weaving/loom-02', 'dyeing/jd-01'].flatMap((m) => [1, 2, 3].map((seq) => countSample(m, seq, base + seq * 1000)))
    await serversCommand(script, 'kill', 'kafka')
    const before = { received: source.stats.received, acked: source.stats.acked }
    try {
      expect(await publishAll([batch([...samples, { line: 'weaving', machine: 'loom-01', channel: 'count', ts: 'bad' }])], options)).toEqual({ acked: 1, refused: 0 })
      // Ingest has the batch but Kafka has none of it: no PUBACK goes to the broker.
      expect(await eventually(() => source.stats.received > before.received, 30_000)).toBe(true)
      await new Promise((r) => setTimeout(r, 4000))
      expect(source.stats.acked).toBe(before.acked)
    } finally {
      await serversCommand(script, 'up', 'kafka')
    }
    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts < base + DAY_MS
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { decode: telemetryRecords, until: (rs) => rs.filter(mine).length >= 9, timeoutMs: 150_000 })
    expect(new Set(records.filter(mine).map((r) => `${r.value.device}#${r.value.seq}`)).size).toBe(9)
    expect(await eventually(() => source.stats.acked > before.acked && source.inFlight === 0, 60_000)).toBe(true)
  })
})

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) if (check()) return true
  return false
}
