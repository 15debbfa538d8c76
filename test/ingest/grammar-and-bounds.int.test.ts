import { KAFKA_TOPICS, type DeadLetterRecord, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestIngest, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const MIN_TS = Date.parse('2020-01-01T00:00:00Z')

describe('topic grammar and value bounds at the broker and in ingest (issue 10)', () => {
  it('routes every level count under the plant to ingest (PUBACK 0) and dead-letters the wrong ones as topic_grammar; refuses totals above 2^53 and ts before the lower bound', async () => {
    ingest = await startTestIngest()
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const ts = Date.now() - 3600_000 - Math.floor(Math.random() * 3600_000)
    const loom = `${TEST_PREFIX}/weaving/loom-01`
    const state = JSON.stringify({ ts, state: 'idle' })
    const grammar = [`${loom}/state/`, `${loom}/state/extra`, `${TEST_PREFIX}/weaving/state`, TEST_PREFIX, `${TEST_PREFIX}/`, `${loom}//state`]
    const bounds = [
      { payload: `{"ts":${ts},"total":9007199254740993,"seq":901}`, reason: 'schema_violation' },
      { payload: `{"ts":${ts},"total":9007199254740992,"seq":902}`, reason: 'schema_violation' },
      { payload: JSON.stringify({ ts: 0, total: 1, seq: 903 }), reason: 'timestamp_before_min' },
      { payload: JSON.stringify({ ts: MIN_TS - 1, total: 1, seq: 904 }), reason: 'timestamp_before_min' },
    ]
    const accepted = [`{"ts":${ts},"total":9007199254740991,"seq":905}`, JSON.stringify({ ts: MIN_TS, total: 2, seq: 906 })]
    const jobs = [
      ...grammar.map((topic) => ({ topic, payload: state })),
      ...[...bounds.map((b) => b.payload), ...accepted].map((payload) => ({ topic: `${loom}/count`, payload })),
    ]
    // Only reason 0: a topic nobody subscribes to would come back as PUBACK 16 (unrouted).
    expect(await publishAll(jobs, { username: TEST_PLANT_USER, connections: 1, window: 1, resends16: 3 })).toEqual({ acked: jobs.length, refused: 0 })

    const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, {
      until: (rs) => rs.filter((r) => r.value.source.topic.startsWith(TEST_PREFIX) && r.value.receivedAt >= ts).length >= grammar.length + bounds.length,
      timeoutMs: 30_000,
      settleMs: 300,
    })
    const mine = dead.map((d) => d.value).filter((d) => d.source.topic.startsWith(TEST_PREFIX) && d.receivedAt >= ts)
    const grammarTopics = mine.filter((d) => d.reason === 'topic_grammar').map((d) => d.source.topic)
    expect(grammarTopics.sort()).toEqual([...grammar].sort())
    const bySeq = (d: DeadLetterRecord) => (JSON.parse(Buffer.from(d.payloadBase64, 'base64').toString()) as { seq: number }).seq
    const counted = mine.filter((d) => d.source.topic === `${loom}/count`)
    expect(counted.map((d) => [bySeq(d), d.reason]).sort()).toEqual(bounds.map((b, i) => [901 + i, b.reason]))
    expect(counted.find((d) => bySeq(d) === 901)?.message).toMatch(/total/)

    const ok = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => rs.filter((r) => r.value.seq === 905 || r.value.seq === 906).length >= 2, timeoutMs: 20_000, settleMs: 200 })
    const kept = ok.filter((r) => r.key === 'test-firm/test-plant/weaving/loom-01' && (r.value.seq === 905 || r.value.seq === 906))
    expect(kept.map((r) => (r.value.channel === 'count' ? r.value.total : -1)).sort((a, b) => a - b)).toEqual([2, Number.MAX_SAFE_INTEGER])
  })
})
