import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { batchCountJobs, ENCODINGS, publishSpread, telemetryRecords, type Encoding } from '../support/batch.ts'
import { countJobs, ingestEnv, startTestIngest, TEST_COUNTERS, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { freePort, serversCommand, spawnService, waitForHttp, type ServiceProcess } from '../support/process.ts'
import { publishAll } from '../support/publisher.ts'
import { servers } from '../support/servers.ts'

const DAY_MS = 24 * 3600 * 1000

/** Compares by machine and seq: every published message is in Kafka; duplicates are counted. */
function reconcile(records: { key: string; value: TelemetryRecord }[], base: number, perMachine: number) {
  const mine = records.filter((r) => r.value.ts > base && r.value.ts <= base + perMachine * 1000)
  const seen = new Map<string, number>()
  for (const r of mine) seen.set(`${r.key}#${r.value.seq}`, (seen.get(`${r.key}#${r.value.seq}`) ?? 0) + 1)
  const missing: string[] = []
  for (const m of TEST_COUNTERS) for (let seq = 1; seq <= perMachine; seq++) if (!seen.has(`test-firm/test-plant/${m}#${seq}`)) missing.push(`${m}#${seq}`)
  return { unique: seen.size, duplicates: mine.length - seen.size, missing }
}

/**
 * The same samples as v1 messages, or as batches of 100 (contract v1.1) spread over `spreadMs` so
 * that the stream is still running when the fault comes (v1 takes that long by itself).
 */
const publishFor = (encoding: Encoding, base: number, perMachine: number, spreadMs: number) => {
  const options = { username: TEST_PLANT_USER, connections: 2, window: 300 }
  return encoding === 'v1' ? publishAll(countJobs(base, perMachine), options) : publishSpread(batchCountJobs(base, perMachine, 100), options, spreadMs)
}

describe.each(ENCODINGS)('ingest under faults, encoding %s', (encoding) => {
  it('loses nothing when ingest is killed with SIGKILL three times during a 50,000-message stream', async () => {
    const port = await freePort()
    const env = ingestEnv({ HTTP_PORT: String(port), LOG_LEVEL: 'error' })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 3 * DAY_MS
    const perMachine = Math.ceil(50_000 / TEST_COUNTERS.length)
    let ingest: ServiceProcess = spawnService('services/ingest/src/main.ts', env)
    await waitForHttp(`http://127.0.0.1:${port}/readyz`)

    const publishing = publishFor(encoding, base, perMachine, 15_000)
    const kills: number[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1200 + i * 700))
      kills.push(Date.now())
      await ingest.kill('SIGKILL')
      ingest = spawnService('services/ingest/src/main.ts', env)
      await waitForHttp(`http://127.0.0.1:${port}/readyz`)
    }
    const published = await publishing
    expect(published.refused).toBe(0)
    const total = perMachine * TEST_COUNTERS.length
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, {
      decode: telemetryRecords,
      until: (rs) => reconcile(rs, base, perMachine).unique >= total,
      timeoutMs: 120_000,
    })
    await ingest.kill('SIGTERM')
    const result = reconcile(records, base, perMachine)
    console.log(`${encoding}: SIGKILL x3 during ${total} messages: ${result.unique} unique in Kafka, ${result.duplicates} duplicates, ${result.missing.length} missing`)
    expect(result.missing).toEqual([])
    expect(result.unique).toBe(total)
  })

  it('loses nothing when the Kafka broker restarts in the middle of a stream, and resumes by itself', async () => {
    const script = servers().serversScript
    expect(script, 'fault tests restart the local Kafka through deploy/local/servers.sh').not.toBe('')
    const ingest = await startTestIngest({ LOG_LEVEL: 'error' })
    try {
      const from = await endOffsets(KAFKA_TOPICS.telemetry)
      const base = Date.now() - 5 * DAY_MS
      const perMachine = Math.ceil(30_000 / TEST_COUNTERS.length)
      const publishing = publishFor(encoding, base, perMachine, 8_000)
      await new Promise((r) => setTimeout(r, 1500))
      await serversCommand(script, 'restart', 'kafka')
      const published = await publishing
      expect(published.refused).toBe(0)
      const total = perMachine * TEST_COUNTERS.length
      const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, {
        decode: telemetryRecords,
        until: (rs) => reconcile(rs, base, perMachine).unique >= total,
        timeoutMs: 150_000,
      })
      const result = reconcile(records, base, perMachine)
      console.log(`${encoding}: Kafka restart during ${total} messages: ${result.unique} unique, ${result.duplicates} duplicates, ${result.missing.length} missing`)
      expect(result.missing).toEqual([])
    } finally {
      await ingest.stop()
    }
  })
})
