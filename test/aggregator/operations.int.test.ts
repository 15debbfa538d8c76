import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { countPoints, createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { uniqueName } from '../support/servers.ts'
import { TEST_PLANT, testStore } from '../support/store.ts'
import { AGGREGATOR_MAIN } from './fault-stream.ts'
import { plantDay } from './plant-day.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const running: Aggregator[] = []
const buckets: string[] = []
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop()
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

const main = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', AGGREGATOR_MAIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 })

describe('aggregator operations', () => {
  it('prints its usage with --help and exits 2 naming the variables of a bad environment', () => {
    const help = main(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/AGG_ALLOWED_LATENESS/)
    const bad = main([], { KAFKA_BROKERS: 'nowhere', AGG_STALENESS: 'soon' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/KAFKA_BROKERS: expected a comma-separated list/)
    expect(bad.stderr).toMatch(/AGG_STALENESS: expected a duration/)
    expect(bad.stderr).toMatch(/INFLUX_URL: required/)
  })

  it('reports readiness and its metrics, and flushes and commits what it holds when stopped', async () => {
    const dayStartMs = Date.parse('2025-05-12T00:00:00+08:00')
    // Two hours of the scripted day; steps are held back so only the shutdown can write them.
    const records = plantDay(dayStartMs).records.filter((r) => (JSON.parse(r.value) as { ts: number }).ts < dayStartMs + 2 * 3600_000)
    const input = uniqueName('agg-ops')
    await createTopic(input, 2)
    await produceRecords(input, records)
    const bucket = await createTestBucket()
    buckets.push(bucket)
    const run = aggregatorRun(input, bucket)
    const held = { AGG_COMMIT_INTERVAL: '1h', AGG_IDLE_ADVANCE: '1h' }
    const first = await startTestAggregator(run, held)
    running.push(first)
    const base = `http://127.0.0.1:${first.opsPort}`
    await waitUntil('all records read', async () => first.consumer.tasks().reduce((n, t) => n + Number(t.engine?.nextOffset ?? 0), 0) === records.length, 60_000, 250)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const metrics = await (await fetch(`${base}/metrics`)).text()
    for (const name of ['millstream_aggregator_records_total{outcome="accepted"}', 'millstream_aggregator_windows_open', 'millstream_aggregator_consumer_lag_messages', 'millstream_aggregator_points_written_total', 'millstream_aggregator_influx_write_seconds_bucket']) {
      expect(metrics).toContain(name)
    }
    expect(await countPoints(bucket, 'machine_minute', 'running_s', dayStartMs, dayStartMs + 3 * 3600_000)).toBe(0)

    await first.stop()
    running.pop()
    // The newest event is at 01:59:59: minutes before 01:59 are closed, 119 per loom.
    expect(await countPoints(bucket, 'machine_minute', 'running_s', dayStartMs, dayStartMs + 3 * 3600_000)).toBe(238)
    // The state and offsets were committed: a new instance starts where the first stopped.
    const second = await startTestAggregator(run, held)
    running.push(second)
    await waitUntil('the partitions restored', async () => second.consumer.tasks().length === 2 && second.consumer.tasks().every((t) => t.engine !== undefined), 60_000, 250)
    await new Promise((r) => setTimeout(r, 2_000))
    const replayed = await (await fetch(`http://127.0.0.1:${second.opsPort}/metrics`)).text()
    expect(replayed).not.toMatch(/millstream_aggregator_records_total\{outcome="(accepted|late)"\} [1-9]/)
  })
})

describe('aggregator clock', () => {
  it('writes a silent machine\'s minute, unknown after the staleness limit, with no new data: only the clock moves', async () => {
    const minuteMs = Date.parse('2025-05-19T10:00:00+08:00')
    const input = uniqueName('agg-clock')
    await createTopic(input, 1)
    const record = { v: 1, firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: 'loom-01', channel: 'state', state: 'running', ts: minuteMs + 50_000, receivedAt: 0 }
    await produceRecords(input, [{ key: 'test-firm/test-plant/weaving/loom-01', value: JSON.stringify(record) }])
    const [clockBucket, stillBucket] = [await createTestBucket(), await createTestBucket()]
    buckets.push(clockBucket, stillBucket)
    const settings = { AGG_STALENESS: '5s', AGG_COMMIT_INTERVAL: '200ms' }
    running.push(await startTestAggregator(aggregatorRun(input, clockBucket), { ...settings, AGG_IDLE_ADVANCE: '1s' }))
    running.push(await startTestAggregator(aggregatorRun(input, stillBucket), { ...settings, AGG_IDLE_ADVANCE: '1h' }))
    const minute = async (bucket: string) => {
      const rows = await testStore(bucket).stateTime({ ...TEST_PLANT, machine: 'loom-01', range: { startMs: minuteMs, endMs: minuteMs + 60_000 } })
      return rows.map((r) => ({ running: r.values.running, unknown: r.values.unknown }))
    }
    await waitUntil('the clock to close the minute', async () => (await minute(clockBucket)).length === 1, 60_000, 500)
    // 50 s before the first message and 5 s after it went stale are unknown; never running.
    expect(await minute(clockBucket)).toEqual([{ running: 5, unknown: 55 }])
    expect(await minute(stillBucket)).toEqual([])
  })
})
