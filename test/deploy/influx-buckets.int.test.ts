import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createInfluxWriter } from '@millstream/aggregator'
import { afterAll, describe, expect, it } from 'vitest'
import { importBucket } from '../../deploy/backup/bucket-backup.ts'
import { bucketRetentionDays, ensureBucket } from '../../deploy/local/influx-buckets.ts'
import { flux } from '@influxdata/influxdb-client'
import { countPoints, createTestBucket, deleteTestBucket, queryRows } from '../support/influx.ts'
import { servers, uniqueName } from '../support/servers.ts'
import { repoRoot } from './run-tool.ts'

// Retention per tier (issue 17, docs/operations.md "Retention"): the buckets servers.sh sets up,
// read back from the real InfluxDB, and what the aggregator's writer does with expired points.
const admin = () => ({ url: servers().influxUrl, token: servers().influxToken, org: servers().influxOrg })
const made: string[] = []
afterAll(async () => {
  for (const b of made.splice(0)) await deleteTestBucket(b)
})

/** deploy/local/influx-setup.ts as servers.sh runs it (lib/influxdb.sh), with the operator token. */
function influxSetup(env: Record<string, string>): string {
  const s = servers()
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'deploy/local/influx-setup.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, INFLUX_URL: s.influxUrl, INFLUX_TOKEN: s.influxToken, INFLUX_ORG: s.influxOrg, ...env },
  })
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0)
  return run.stdout
}

describe('InfluxDB buckets and retention per tier', () => {
  it('creates the minute and the rollup bucket with the configured retention, and changes it when the variable changes', async () => {
    const [minutes, rollups] = [uniqueName('ret-minutes'), uniqueName('ret-rollups')]
    made.push(minutes, rollups)
    const tokens = join(mkdtempSync(join(tmpdir(), 'influx-setup-')), 'tokens')
    const base = { INFLUX_BUCKET: minutes, INFLUX_ROLLUP_BUCKET: rollups, INFLUX_TOKENS_DIR: tokens }
    influxSetup({ ...base, INFLUX_MINUTE_RETENTION_DAYS: '3', INFLUX_ROLLUP_RETENTION_DAYS: '7' })
    expect(await bucketRetentionDays(admin(), minutes)).toBe(3)
    expect(await bucketRetentionDays(admin(), rollups)).toBe(7)
    expect(readFileSync(join(tokens, 'buckets'), 'utf8')).toBe(`${minutes} ${rollups}\n`)

    const again = influxSetup({ ...base, INFLUX_MINUTE_RETENTION_DAYS: '5', INFLUX_ROLLUP_RETENTION_DAYS: '0' })
    expect(again).toContain('all service tokens exist')
    expect(await bucketRetentionDays(admin(), minutes)).toBe(5)
    // 0 keeps everything: no expiry rule at all.
    expect(await bucketRetentionDays(admin(), rollups)).toBe(0)
    // And back from for ever to a retention shorter than a for-ever bucket's 7-day shard groups.
    expect(await ensureBucket(admin(), { name: rollups, retentionDays: 1 })).toBe('updated')
    expect(await bucketRetentionDays(admin(), rollups)).toBe(1)
  })

  it('defaults to 90 days of minutes and 5 years of rollups, and one bucket keeps the longer', async () => {
    const [minutes, rollups, single] = [uniqueName('def-minutes'), uniqueName('def-rollups'), uniqueName('def-one')]
    made.push(minutes, rollups, single)
    const tokens = () => join(mkdtempSync(join(tmpdir(), 'influx-setup-')), 'tokens')
    influxSetup({ INFLUX_BUCKET: minutes, INFLUX_ROLLUP_BUCKET: rollups, INFLUX_TOKENS_DIR: tokens() })
    expect([await bucketRetentionDays(admin(), minutes), await bucketRetentionDays(admin(), rollups)]).toEqual([90, 1825])
    influxSetup({ INFLUX_BUCKET: single, INFLUX_TOKENS_DIR: tokens() })
    expect(await bucketRetentionDays(admin(), single)).toBe(1825)
  })

  it('the aggregator\'s writer takes points older than the retention as written and keeps the rest of the batch', async () => {
    const bucket = uniqueName('ret-write')
    made.push(bucket)
    expect(await ensureBucket(admin(), { name: bucket, retentionDays: 1 })).toBe('created')
    const s = servers()
    const writer = createInfluxWriter({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, buckets: { minutes: bucket, rollups: bucket }, timeoutMs: 10_000, batchLines: 100 })
    const nowS = Math.floor(Date.now() / 1000)
    const oldS = nowS - 10 * 86_400
    await expect(writer.write([`machine_minute,machine=m1 running_s=60 ${oldS}`, `machine_minute,machine=m1 running_s=30 ${nowS - 60}`])).resolves.toBeUndefined()
    expect(await countPoints(bucket, 'machine_minute', 'running_s', (nowS - 3600) * 1000, (nowS + 60) * 1000)).toBe(1)
    expect(await countPoints(bucket, 'machine_minute', 'running_s', (oldS - 60) * 1000, (oldS + 60) * 1000)).toBe(0)
  })

  it('restores a backup whose oldest points have outlived the bucket\'s retention: those are dropped and counted, the rest written', async () => {
    const bucket = uniqueName('ret-restore')
    made.push(bucket)
    const file = join(mkdtempSync(join(tmpdir(), 'ret-restore-')), 'points.lp.gz')
    const nowNs = BigInt(Date.now()) * 1_000_000n
    const dayNs = 86_400_000_000_000n
    writeFileSync(file, gzipSync(`machine_minute,machine=m1 running_s=60 ${nowNs - 10n * dayNs}\nmachine_minute,machine=m1 running_s=30 ${nowNs - 60_000_000_000n}\n`))
    const manifest = { name: bucket, retentionRules: [{ type: 'expire', everySeconds: 86_400, shardGroupDurationSeconds: 3_600 }], lines: 2 }
    expect(await importBucket(admin(), manifest, file)).toEqual({ written: 1, expired: 1 })
    expect(await bucketRetentionDays(admin(), bucket)).toBe(1)
  })

  it('moves a one-bucket deployment\'s hours and scores into a rollup bucket with the Flux of docs/operations.md', async () => {
    const [one, rollups] = [await createTestBucket('move-one'), await createTestBucket('move-rollups')]
    made.push(one, rollups)
    const s = servers()
    const writer = createInfluxWriter({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, buckets: { minutes: one, rollups: one }, timeoutMs: 10_000, batchLines: 100 })
    const t = Math.floor(Date.parse('2026-06-01T00:00:00Z') / 1000)
    await writer.write([`machine_minute,machine=m1 running_s=60 ${t}`, `machine_hour,machine=m1 running_s=3600 ${t}`, `line_stop_hour,line=l1 count=2i ${t}`, `plant_score,plant=p1 status="ok" ${t}`, `score_percentile,plant=p1 percentile=50 ${t}`])
    await queryRows(flux`from(bucket: ${one})
  |> range(start: 0)
  |> filter(fn: (r) => r._measurement =~ /_hour$/ or r._measurement =~ /^(plant_score|plant_score_component|score_rollup|score_percentile)$/)
  |> to(bucket: ${rollups})`)
    const [fromMs, toMs] = [(t - 60) * 1000, (t + 60) * 1000]
    expect(await countPoints(rollups, 'machine_hour', 'running_s', fromMs, toMs)).toBe(1)
    expect(await countPoints(rollups, 'line_stop_hour', 'count', fromMs, toMs)).toBe(1)
    expect(await countPoints(rollups, 'plant_score', 'status', fromMs, toMs)).toBe(1)
    expect(await countPoints(rollups, 'score_percentile', 'percentile', fromMs, toMs)).toBe(1)
    expect(await countPoints(rollups, 'machine_minute', 'running_s', fromMs, toMs)).toBe(0)
  })
})
