import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { flux } from '@influxdata/influxdb-client'
import type { Aggregator } from '@millstream/aggregator'
import { afterAll, describe, expect, it } from 'vitest'
import { bucketIds, createBucketToken, INFLUX_SERVICE_GRANTS, provisionServiceTokens, type InfluxAdmin } from '../../deploy/local/influx-service-tokens.ts'
import { waitForDay } from '../aggregator/day-check.ts'
import { plantDay } from '../aggregator/plant-day.ts'
import { aggregatorRun, createTopic, produceRecords, startTestAggregator } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
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

  it('provisions one 0600 token file per service, grants as declared, and keeps existing files', async () => {
    const mine = await bucket()
    const dir = join(mkdtempSync(join(tmpdir(), 'influx-tokens-')), 'tokens')
    expect((await provisionServiceTokens(admin(), { bucket: mine, dir })).sort()).toEqual(Object.keys(INFLUX_SERVICE_GRANTS).sort())
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const [service, actions] of Object.entries(INFLUX_SERVICE_GRANTS)) {
      const file = join(dir, `${service}.token`)
      expect(statSync(file).mode & 0o777, service).toBe(0o600)
      const token = readFileSync(file, 'utf8').trim()
      expect((await write(token, mine)).status, service).toBe((actions as readonly string[]).includes('write') ? 204 : 403)
      expect((await query(token, mine)).status, service).toBe(200)
    }
    expect(await provisionServiceTokens(admin(), { bucket: mine, dir })).toEqual([])
  })

  it('the aggregator with its own token file writes a whole day and rolls it up, and the API token reads it', async () => {
    const dayStartMs = Date.parse('2025-05-14T00:00:00+08:00')
    const input = uniqueName('tokens-agg')
    await createTopic(input, 2)
    await produceRecords(input, plantDay(dayStartMs).records)
    const into = await bucket()
    const dir = mkdtempSync(join(tmpdir(), 'agg-token-'))
    const tokenFile = join(dir, 'aggregator.token')
    writeFileSync(tokenFile, `${await createBucketToken(admin(), { bucket: into, actions: INFLUX_SERVICE_GRANTS.aggregator, description: uniqueName('agg') })}\n`, { mode: 0o600 })
    // INFLUX_TOKEN empty counts as unset: the operator token never reaches this aggregator.
    const aggregator = await startTestAggregator(aggregatorRun(input, into), { INFLUX_TOKEN: '', INFLUX_TOKEN_FILE: tokenFile })
    running.push(aggregator)
    // Minutes and hours written, and the line and plant roll-ups, which the roll-up stage computes
    // from machine hours it reads back: both grants are used.
    await waitForDay(into, dayStartMs)

    const apiToken = await createBucketToken(admin(), { bucket: into, actions: INFLUX_SERVICE_GRANTS.api, description: uniqueName('api') })
    const range = { startMs: dayStartMs, endMs: dayStartMs + 24 * 3600_000 }
    const rows = await testStore(into, { token: apiToken }).stateTime({ ...TEST_PLANT, range, by: ['machine'] })
    expect(rows).toHaveLength(2)
  }, 240_000)
})
