import { KAFKA_TOPICS, type DeadLetterRecord, type TelemetryRecord } from '@millstream/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { countJobs, startTestIngest, TEST_COUNTERS, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'
import type { Ingest } from '@millstream/ingest'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const DAY_MS = 24 * 3600 * 1000

describe('ingest delivery', () => {
  it('puts 20,000 messages from several publishers into Kafka exactly once, in per-machine order', async () => {
    ingest = await startTestIngest()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - DAY_MS - Math.floor(Math.random() * DAY_MS)
    const perMachine = Math.ceil(20_000 / TEST_COUNTERS.length)
    const jobs = countJobs(base, perMachine).slice(0, 20_000)
    // One publisher per machine group keeps each machine's messages on one connection, in order.
    const result = await publishAll(jobs, { username: TEST_PLANT_USER, connections: 1, window: 500 })
    expect(result).toEqual({ acked: 20_000, refused: 0 })

    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts <= base + perMachine * 1000 && r.value.firm === 'test-firm'
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => rs.filter(mine).length >= 20_000 })
    const received = records.filter(mine)
    expect(received).toHaveLength(20_000)
    const ids = new Set(received.map((r) => `${r.key}#${r.value.seq}`))
    expect(ids.size).toBe(20_000)
    for (const machine of TEST_COUNTERS) {
      const key = `test-firm/test-plant/${machine}`
      const seqs = received.filter((r) => r.key === key).map((r) => r.value.seq ?? -1)
      expect(seqs, key).toEqual([...seqs].sort((a, b) => a - b))
      // All of a machine's records share one partition: that is what keeps their order.
      expect(new Set(received.filter((r) => r.key === key).map((r) => r.partition)).size).toBe(1)
    }
    expect(ingest.source.stats.acked).toBeGreaterThanOrEqual(20_000)
  })

  it('splits the stream over several MQTT connections of one instance, each message once', async () => {
    ingest = await startTestIngest({ INGEST_CONNECTIONS: '3' })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 2 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const jobs = countJobs(base, 1000)
    const result = await publishAll(jobs, { username: TEST_PLANT_USER, connections: 2, window: 300 })
    expect(result.acked).toBe(jobs.length)
    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts <= base + 1000 * 1000 && r.value.firm === 'test-firm'
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => rs.filter(mine).length >= jobs.length })
    const received = records.filter(mine)
    expect(received).toHaveLength(jobs.length)
    expect(new Set(received.map((r) => `${r.key}#${r.value.seq}`)).size).toBe(jobs.length)
  })

  it('dead-letters bad input with its reason and the original bytes, and goes on', async () => {
    ingest = await startTestIngest()
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const okFrom = await endOffsets(KAFKA_TOPICS.telemetry)
    const ts = Date.now() - 60_000
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x81])
    const bad = [
      { topic: `${TEST_PREFIX}/weaving/loom-01/count`, payload: '{"ts": 1, "total": ' },
      { topic: `${TEST_PREFIX}/weaving/loom-01/count`, payload: JSON.stringify({ ts, total: -4 }) },
      { topic: `${TEST_PREFIX}/weaving/loom-99/state`, payload: JSON.stringify({ ts, state: 'running' }) },
      { topic: `${TEST_PREFIX}/weaving/loom-01/state`, payload: binary },
    ]
    const good = { topic: `${TEST_PREFIX}/weaving/loom-02/state`, payload: JSON.stringify({ ts, state: 'running', seq: 424242 }) }
    await publishAll([...bad, good], { username: TEST_PLANT_USER, connections: 1, window: 1 })

    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.length >= 4 })
    // The dead-letter topic is keyed by device too: order holds per device, not across them.
    expect(dead.map((d) => d.value.reason).sort()).toEqual(['malformed_json', 'negative_cumulative', 'not_utf8', 'unknown_device'])
    const byReason = Object.fromEntries(dead.map((d) => [d.value.reason, d.value]))
    expect(Buffer.from(byReason.not_utf8?.payloadBase64 ?? '', 'base64')).toEqual(binary)
    expect(byReason.malformed_json?.source.topic).toBe(bad[0]?.topic)
    expect(byReason.unknown_device?.message).toMatch(/loom-99 is not in the registry/)
    const ok = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, okFrom, { until: (rs) => rs.some((r) => r.value.seq === 424242) })
    expect(ok.filter((r) => r.value.seq === 424242)).toHaveLength(1)
  })
})
