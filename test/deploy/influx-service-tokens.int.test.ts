import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { flux } from '@influxdata/influxdb-client'
import type { Aggregator } from '@millstream/aggregator'
import { afterAll, describe, expect, it } from 'vitest'
import { bucketIds, createBucketsToken, createBucketToken, INFLUX_SERVICE_GRANTS, provisionServiceTokens, serviceGrants, type InfluxAdmin } from '../../deploy/local/influx-service-tokens.ts'
import { expectDayMatches, waitForDay } from '../aggregator/day-check.ts'
import { plantDay } from '../aggregator/plant-day.ts'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator } from '../support/aggregator.ts'
import { countPoints, createTestBucket, deleteTestBucket, queryRows } from '../support/influx.ts'
import { servers, uniqueName } from '../support/servers.ts'
import { TEST_PLANT, testStore } from '../support/store.ts'

// Tokens scoped per service (issue 17, docs/operations.md#scoped-influxdb-tokens), checked on the
// real InfluxDB: what a token may not do is refused by the server, not by our code.
const admin = (): InfluxAdmin => ({ url: servers().influxUrl, token: servers().influxToken, org: servers().influxOrg })
const buckets: string[] = []
const running: Aggregator[] = []
afterAll(async () => {
  for (const a of running.splice(0)) await a.stop()
  for (const b of buckets.splice(0)) await deleteTestBucket(b)
})

async function bucket(): Promise<string> {
  const name = await createTestBucket('tokens')
  buckets.push(name)
  return name
}

function write(token: string, into: string, line = `probe v=1i ${Date.now()}`): Promise<Response> {
  const q = new URLSearchParams({ org: servers().influxOrg, bucket: into, precision: 'ms' })
  return fetch(`${servers().influxUrl}/api/v2/write?${q}`, { method: 'POST', headers: { authorization: `Token ${token}` }, body: line })
}

function query(token: string, from: string): Promise<Response> {
  return fetch(`${servers().influxUrl}/api/v2/query?org=${encodeURIComponent(servers().influxOrg)}`, {
    method: 'POST',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/vnd.flux' },
    body: flux`from(bucket: ${from}) |> range(start: 0) |> limit(n: 1)`.toString(),
  })
}

describe('InfluxDB tokens scoped per service', () => {
  it('a read token reads its bucket, cannot write it and cannot read another bucket', async () => {
    const [mine, other] = [await bucket(), await bucket()]
    expect((await write(servers().influxToken, mine)).status).toBe(204)
    const token = await createBucketToken(admin(), { bucket: mine, actions: ['read'], description: uniqueName('read') })
    const read = await query(token, mine)
    expect(read.status).toBe(200)
    expect(await read.text()).toContain('probe')
    const refused = await write(token, mine)
    expect([401, 403]).toContain(refused.status)
    // InfluxDB answers "could not find bucket" for a bucket the token may not see.
    expect((await query(token, other)).status).toBe(404)
  })

  it('a read and write token of one bucket cannot write, read or create tokens elsewhere', async () => {
    const [mine, other] = [await bucket(), await bucket()]
    const token = await createBucketToken(admin(), { bucket: mine, actions: ['read', 'write'], description: uniqueName('rw') })
    expect((await write(token, mine)).status).toBe(204)
    expect([401, 403]).toContain((await write(token, other)).status)
    expect((await query(token, other)).status).toBe(404)
    // A valid request (a real org and bucket): only the missing permission can refuse it.
    const { orgID, bucketID } = await bucketIds(admin(), other)
    const escalate = await fetch(`${servers().influxUrl}/api/v2/authorizations`, {
      method: 'POST',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orgID, permissions: [{ action: 'write', resource: { type: 'buckets', id: bucketID, orgID } }] }),
    })
    expect([401, 403]).toContain(escalate.status)
  })

  it('provisions one 0600 token file per service with its grants on the minute and the rollup bucket, keeps them, and replaces them when the buckets change', async () => {
    const buckets = { minutes: await bucket(), rollups: await bucket() }
    const dir = join(mkdtempSync(join(tmpdir(), 'influx-tokens-')), 'tokens')
    const all = Object.keys(INFLUX_SERVICE_GRANTS).sort()
    expect((await provisionServiceTokens(admin(), { bucket: buckets.minutes, rollupBucket: buckets.rollups, dir })).sort()).toEqual(all)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const [service, tiers] of Object.entries(INFLUX_SERVICE_GRANTS)) {
      const file = join(dir, `${service}.token`)
      expect(statSync(file).mode & 0o777, service).toBe(0o600)
      const token = readFileSync(file, 'utf8').trim()
      for (const tier of ['minutes', 'rollups'] as const) {
        const actions: readonly string[] = tiers[tier]
        expect((await write(token, buckets[tier])).status, `${service} writes ${tier}`).toBe(actions.includes('write') ? 204 : 403)
        expect((await query(token, buckets[tier])).status, `${service} reads ${tier}`).toBe(200)
      }
    }
    expect(await provisionServiceTokens(admin(), { bucket: buckets.minutes, rollupBucket: buckets.rollups, dir })).toEqual([])
    // Back to one bucket: the tokens are made again, each with the union of its two tiers' grants.
    expect((await provisionServiceTokens(admin(), { bucket: buckets.minutes, dir })).sort()).toEqual(all)
    expect((await write(readFileSync(join(dir, 'scorer.token'), 'utf8').trim(), buckets.minutes)).status).toBe(204)
  })

  it('the aggregator with its own token writes a day\'s minutes to the minute bucket and its hours to the rollup bucket, and the store reads the same answers as from one bucket', async () => {
    const dayStartMs = Date.parse('2025-05-14T00:00:00+08:00')
    const { records, expected } = plantDay(dayStartMs)
    const input = uniqueName('tokens-agg')
    await createTopic(input, 2)
    await produceRecords(input, records)
    const buckets = { minutes: await bucket(), rollups: await bucket() }
    const dir = mkdtempSync(join(tmpdir(), 'agg-token-'))
    const tokenFile = join(dir, 'aggregator.token')
    writeFileSync(tokenFile, `${await createBucketsToken(admin(), { grants: serviceGrants('aggregator', buckets), description: uniqueName('agg') })}\n`, { mode: 0o600 })
    // INFLUX_TOKEN empty counts as unset: the operator token never reaches this aggregator.
    const aggregator = await startTestAggregator(aggregatorRun(input, buckets.minutes, buckets.rollups), { INFLUX_TOKEN: '', INFLUX_TOKEN_FILE: tokenFile })
    running.push(aggregator)
    // Minutes and hours written, and the line and plant roll-ups, which the roll-up stage computes
    // from machine hours it reads back: every grant is used.
    await waitForDay(buckets, dayStartMs)
    await expectDayMatches(buckets, dayStartMs, expected)
    const dayEndMs = dayStartMs + 24 * 3600_000
    // Each tier in its own bucket only.
    expect(await countPoints(buckets.minutes, 'machine_hour', 'minutes', dayStartMs, dayEndMs)).toBe(0)
    expect(await countPoints(buckets.minutes, 'plant_hour', 'minutes', dayStartMs, dayEndMs)).toBe(0)
    expect(await countPoints(buckets.rollups, 'machine_minute', 'running_s', dayStartMs, dayEndMs)).toBe(0)

    // The same points in one bucket (Flux to(): how a deployment moves between layouts, docs/operations.md).
    const one = await bucket()
    for (const from of [buckets.minutes, buckets.rollups]) {
      await queryRows(flux`from(bucket: ${from}) |> range(start: ${new Date(dayStartMs)}, stop: ${new Date(dayEndMs)}) |> to(bucket: ${one}) |> count() |> limit(n: 1)`)
    }
    const apiToken = await createBucketsToken(admin(), { grants: serviceGrants('api', buckets), description: uniqueName('api') })
    const twoStore = testStore(buckets.minutes, { rollupBucket: buckets.rollups, token: apiToken })
    const oneStore = testStore(one)
    const day = { ...TEST_PLANT, range: { startMs: dayStartMs, endMs: dayEndMs } }
    const hours = { ...day, windowUnit: 'hour' as const }
    const ask = (s: typeof twoStore) => Promise.all([
      s.stateTime({ ...day, by: ['machine'] }),
      s.efficiency({ ...day, by: ['line'] }),
      s.efficiency(hours),
      s.production({ ...day, by: ['machine'] }),
      s.stopsByReason(day),
      s.meterEnergy({ ...day, by: ['meter'] }),
      s.machineEnergy(hours),
      s.intake({ ...day, by: ['device'] }),
      s.processSeries({ ...day, bucketMs: 3_600_000 }),
      s.deviceMinutes(day),
    ])
    const [fromTwo, fromOne] = [await ask(twoStore), await ask(oneStore)]
    expect(fromTwo[0]).toHaveLength(2)
    expect(fromTwo).toEqual(fromOne)
    // The whole hours came from the line and plant roll-ups, in the rollup bucket.
    expect(twoStore.rollupReads).toBeGreaterThan(0)
  }, 240_000)
})
