import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { afterEach, describe, expect, it } from 'vitest'
import { countJobs, startTestIngest, TEST_COUNTERS, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { publishAll } from '../support/publisher.ts'
import { uniqueName } from '../support/servers.ts'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const DAY_MS = 24 * 3600 * 1000

describe('ingest keepalive under a backlog (docs/ingest.md, "Keepalive")', () => {
  it('drains a backlog far longer than its keepalive on one connection: no drop, no redelivery, each message in Kafka once', async () => {
    // A persistent session whose ingest is away: the broker queues the backlog for it.
    const env = { INGEST_CLIENT_ID: uniqueName('ingest-ka'), INGEST_SHARE_GROUP: uniqueName('share'), INGEST_SESSION_EXPIRY: '2m', INGEST_MQTT_KEEPALIVE: '1s', LOG_LEVEL: 'error' }
    await (await startTestIngest(env)).stop()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 20 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const perMachine = 8000
    const total = perMachine * TEST_COUNTERS.length
    expect(await publishAll(countJobs(base, perMachine), { username: TEST_PLANT_USER, connections: 4, window: 1000 })).toEqual({ acked: total, refused: 0 })

    // The broker sends the backlog as fast as the PUBACKs let it: the ping reply waits behind
    // thousands of PUBLISH packets, longer than the 1 s keepalive's half-interval.
    const startedAt = Date.now()
    ingest = await startTestIngest(env)
    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts <= base + perMachine * 1000 && r.value.firm === 'test-firm'
    const records = (await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => rs.filter(mine).length >= total, timeoutMs: 40_000 })).filter(mine)
    const drainS = (Date.now() - startedAt) / 1000
    const stats = { ...ingest.source.stats }
    console.log(`backlog of ${total} with a 1 s keepalive: ${records.length} records in ${drainS.toFixed(1)} s, stats ${JSON.stringify(stats)}`)

    expect(stats.connectionsLost, 'MQTT connections lost (keepalive timeouts)').toBe(0)
    expect(stats.redelivered, 'PUBLISH packets with the DUP flag').toBe(0)
    expect(new Set(records.map((r) => `${r.key}#${r.value.seq}`)).size).toBe(total)
    expect(records).toHaveLength(total)
  })
})
