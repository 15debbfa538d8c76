import { KAFKA_TOPICS } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestIngest, TEST_COUNTERS, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { endOffsets } from '../support/kafka.ts'
import { CRASH_WINDOW_MS, missingInKafka, pahoStream } from '../support/paho.ts'
import { serversCommand } from '../support/process.ts'
import { servers, uniqueName } from '../support/servers.ts'

const DAY_MS = 24 * 3600_000

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
  await serversCommand(servers().serversScript, 'up', 'mosquitto')
})

describe('the broker crash window (issue 10; docs/ingest.md)', () => {
  it('with ingest away, a broker SIGKILL loses at most the messages acknowledged within its autosave interval, and nothing older', async () => {
    const script = servers().serversScript
    expect(script, 'kills the local broker through deploy/local/servers.sh').not.toBe('')
    // A persistent session with its shared subscription, then ingest goes away: the broker queues for it.
    const env = { INGEST_CLIENT_ID: uniqueName('ingest-crash'), INGEST_SHARE_GROUP: uniqueName('share'), INGEST_SESSION_EXPIRY: '5m', LOG_LEVEL: 'error' }
    await (await startTestIngest(env)).stop()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 11 * DAY_MS - Math.floor(Math.random() * DAY_MS)
    const result = await pahoStream({ username: TEST_PLANT_USER, prefix: TEST_PREFIX, machines: TEST_COUNTERS, perMachine: 1200, baseTs: base, rate: 1200, deadlineS: 30 })
    expect(result.acked).toHaveLength(result.total)
    const killedAt = Date.now()
    await serversCommand(script, 'kill', 'mosquitto')
    await serversCommand(script, 'up', 'mosquitto')
    ingest = await startTestIngest(env)
    const missing = await missingInKafka(result, from, base, TEST_COUNTERS, 12_000)
    const ages = missing.map((m) => killedAt - m.ackMs)
    console.log(
      `broker SIGKILL with ingest away: ${result.acked.length} acknowledged with reason 0 over ${((result.acked.at(-1)?.[2] ?? 0) - (result.acked[0]?.[2] ?? 0)) / 1000} s, ` +
        `${missing.length} lost, acknowledged ${ages.length ? `${Math.min(...ages)}-${Math.max(...ages)}` : '-'} ms before the kill`,
    )
    expect(ages.filter((age) => age >= CRASH_WINDOW_MS)).toEqual([])
  })
})
