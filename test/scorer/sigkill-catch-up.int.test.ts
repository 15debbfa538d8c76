import type { ScoreRecord } from '@millstream/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { consumeFrom, testKafka } from '../support/kafka.ts'
import { spawnService } from '../support/process.ts'
import { writePoints } from '../store/store-support.ts'
import { scorerConfig, weekPoints } from './scripted-week.ts'

// SIGKILL during a scheduled run of the hourly job (injected clock: 2026-03-09 02:00 +08; the 180
// newest rolling 24 h due for 2 plants), then a restart: every missed period is scored, each once (a period killed between
// its Kafka and InfluxDB writes is re-sent with the same bytes, which compaction absorbs).
const NOW = Date.parse('2026-03-09T02:00:00+08:00')
let bucket = ''
beforeAll(async () => {
  bucket = await createTestBucket('scorer-kill')
  await writePoints(bucket, weekPoints())
}, 300_000)
afterAll(() => deleteTestBucket(bucket))

describe('scorer killed with SIGKILL during a run', () => {
  it('scores each missed period exactly once after the restart', async () => {
    const config = scorerConfig(bucket, { SCORER_MAX_CATCH_UP: 180 })
    const env = { SCORER_TEST_CONFIG: JSON.stringify(config), FAKE_NOW: String(NOW), SCORER_TEST_JOB: 'rolling_24h' }
    const first = spawnService('test/scorer/scorer-child.ts', env)
    await topicCreated(config.SCORER_TOPIC)
    // Kill once the first periods are out, while later ones are still being read.
    const early = await consumeFrom<ScoreRecord>(config.SCORER_TOPIC, [], { until: (rs) => rs.length >= 2, timeoutMs: 120_000, settleMs: 0 })
    expect(await first.kill('SIGKILL')).toBe(-1)
    expect(early.length).toBeGreaterThanOrEqual(2)

    const second = spawnService('test/scorer/scorer-child.ts', env)
    const secondExit = await new Promise<number | null>((resolve) => second.child.once('exit', (code) => resolve(code)))
    expect(secondExit, second.output.join('')).toBe(0)
    const all = await consumeFrom<ScoreRecord>(config.SCORER_TOPIC, [], { until: (rs) => new Set(rs.map((r) => r.key)).size >= 360, timeoutMs: 300_000, settleMs: 3_000 })
    const byKey = new Map<string, string[]>()
    for (const r of all) byKey.set(r.key, [...(byKey.get(r.key) ?? []), JSON.stringify(r.value)])
    expect(early.length).toBeLessThan(360)
    expect([...byKey.keys()].filter((k) => k.includes('/rolling_24h/'))).toHaveLength(360)
    for (const [k, values] of byKey) expect(new Set(values).size, k).toBe(1)
    // Only a period caught between its two writes may appear twice; nothing is scored a third time.
    const repeated = [...byKey.values()].filter((v) => v.length > 1)
    expect(repeated.length).toBeLessThanOrEqual(2)
    expect(Math.max(...[...byKey.values()].map((v) => v.length))).toBeLessThanOrEqual(2)
  }, 900_000)
})

/** The child creates its topic at start; reading before that fails, so wait for it (deadline, no fixed sleep). */
async function topicCreated(topic: string, timeoutMs = 60_000): Promise<void> {
  const admin = testKafka().admin()
  await admin.connect()
  try {
    const deadline = Date.now() + timeoutMs
    while (!(await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline) throw new Error(`topic ${topic} not created within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await admin.disconnect()
  }
}
