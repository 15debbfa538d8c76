import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Aggregator } from '@millstream/aggregator'
import { afterEach, describe, expect, it } from 'vitest'
import { createBackup, defaultBuckets, restoreBackup, type BackupEnv } from '../../deploy/backup/millstream-backup.ts'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { countPoints, createTestBucket, deleteBucketNow, deleteTestBucket } from '../support/influx.ts'
import { testKafka } from '../support/kafka.ts'
import { servers, uniqueName } from '../support/servers.ts'
import { expectDayMatches, waitForDay } from './day-check.ts'
import { plantDay } from './plant-day.ts'

const running: Aggregator[] = []
const buckets: string[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop()
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function backupEnv(): BackupEnv {
  const s = servers()
  if (!s.influxdBin || !s.influxEnginePath) throw new Error('INFLUXD_BIN and INFLUX_ENGINE_PATH: this test exports with the local influxd (deploy/local/servers.sh sets both)')
  return { kafkaBrokers: s.kafkaBrokers.split(','), influx: { url: s.influxUrl, token: s.influxToken, org: s.influxOrg }, influxd: { bin: s.influxdBin, enginePath: s.influxEnginePath } }
}

// docs/operations.md, "Backup and restore": the state and the points MillStream cannot recompute
// once the input has expired from Kafka.
describe('backup and restore of the aggregator state and the buckets', () => {
  it('a day cut by the loss of the changelog, the group and both buckets (minutes, rollups) still adds up exactly after a restore', async () => {
    const dayStartMs = Date.parse('2025-04-18T00:00:00+08:00')
    const noonMs = dayStartMs + 12 * 3600_000
    const { records, expected } = plantDay(dayStartMs)
    const isMorning = (r: { value: string }) => (JSON.parse(r.value) as { ts: number }).ts < noonMs
    const input = uniqueName('agg-backup')
    await createTopic(input, 3)
    await produceRecords(input, records.filter(isMorning))
    const bucket = await createTestBucket()
    const rollupBucket = await createTestBucket('agg-rollups')
    buckets.push(bucket, rollupBucket)
    const run = aggregatorRun(input, bucket, rollupBucket)
    const both = { minutes: bucket, rollups: rollupBucket }

    const morning = await startTestAggregator(run)
    await waitUntil('the morning in InfluxDB', async () => (await countPoints(bucket, 'machine_minute', 'running_s', dayStartMs, noonMs)) >= 2 * 715)
    await morning.stop()

    const dir = mkdtempSync(join(tmpdir(), 'millstream-backup-'))
    dirs.push(dir)
    const env = backupEnv()
    // The command's default: the bucket of each tier.
    const manifest = await createBackup(env, dir, { topics: [run.changelog], buckets: defaultBuckets({ INFLUX_BUCKET: bucket, INFLUX_ROLLUP_BUCKET: rollupBucket }) })
    expect(manifest.topics[0]?.records).toBeGreaterThan(0)
    expect(manifest.buckets.map((b) => b.name)).toEqual([bucket, rollupBucket])
    expect(manifest.buckets[0]?.lines).toBeGreaterThan(2 * 715)
    // The morning's machine hours are in the rollup bucket's export.
    expect(manifest.buckets[1]?.lines).toBeGreaterThan(2 * 11)

    // The loss: the changelog and the group's offsets (a new Kafka cluster), the bucket, and the
    // morning's input, expired from the telemetry topic. Nothing reads the bucket any more.
    const admin = testKafka().admin()
    await admin.connect()
    try {
      await admin.deleteTopics({ topics: [run.changelog] })
      await admin.deleteGroups([run.group])
      const offsets = await admin.fetchTopicOffsets(input)
      await admin.deleteTopicRecords({ topic: input, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) })
      await waitUntil('the changelog topic gone', async () => !(await admin.listTopics()).includes(run.changelog), 60_000, 500)
    } finally {
      await admin.disconnect()
    }
    await deleteBucketNow(bucket)
    await deleteBucketNow(rollupBucket)

    const restored = await restoreBackup(env, dir)
    expect(restored).toEqual({ records: manifest.topics[0]?.records, lines: (manifest.buckets[0]?.lines ?? 0) + (manifest.buckets[1]?.lines ?? 0), expiredLines: 0 })
    await produceRecords(input, records.filter((r) => !isMorning(r)))
    running.push(await startTestAggregator(run))
    await waitForDay(both, dayStartMs)
    await expectDayMatches(both, dayStartMs, expected)
  }, 300_000)
})
