import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createInfluxWriter } from './influx-writer.ts'

let server: Server | undefined
afterEach(async () => {
  // The client keeps connections alive; close them so the server stops at once.
  server?.closeAllConnections()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

/** A stand-in for InfluxDB's write endpoint that answers as told and records what it got. */
async function fakeInflux(answer: (n: number) => { status: number; delayMs?: number; body?: string }) {
  const bodies: string[] = []
  const queries: string[] = []
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      bodies.push(gunzipSync(Buffer.concat(chunks)).toString())
      queries.push(req.url ?? '')
      const { status, delayMs = 0, body = 'nope' } = answer(bodies.length)
      setTimeout(() => res.writeHead(status).end(status === 204 ? undefined : body), delayMs)
    })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server?.address() as AddressInfo).port}`
  return { url, bodies, queries }
}

const options = (url: string) => ({ url, token: 't', org: 'o', buckets: { minutes: 'b', rollups: 'b' }, timeoutMs: 300, batchLines: 2 })

describe('InfluxDB writer', () => {
  it('posts gzipped lines in batches with second precision', async () => {
    const influx = await fakeInflux(() => ({ status: 204 }))
    await createInfluxWriter(options(influx.url)).write(['a x=1 1', 'a x=2 2', 'a x=3 3'])
    expect(influx.bodies).toEqual(['a x=1 1\na x=2 2', 'a x=3 3'])
    expect(influx.queries[0]).toContain('precision=s')
  })

  it('resolves only after every batch was acknowledged, and fails when a later batch is refused', async () => {
    const influx = await fakeInflux((n) => ({ status: n === 2 ? 503 : 204, delayMs: 50 }))
    await expect(createInfluxWriter(options(influx.url)).write(['a x=1 1', 'a x=2 2', 'a x=3 3', 'a x=4 4', 'a x=5 5'])).rejects.toMatchObject({ code: 'influx_unavailable' })
    // No retry of the refused batch by the client, and nothing sent after it.
    expect(influx.bodies).toEqual(['a x=1 1\na x=2 2', 'a x=3 3\na x=4 4'])
  })

  it('writes minute points to the minute bucket and hour points to the rollup bucket, resolving after both', async () => {
    const influx = await fakeInflux(() => ({ status: 204 }))
    const writer = createInfluxWriter({ ...options(influx.url), buckets: { minutes: 'm', rollups: 'r' } })
    await writer.write(['machine_minute x=1 1', 'machine_hour x=2 2', 'meter_minute x=3 3'])
    expect(influx.bodies).toEqual(['machine_minute x=1 1\nmeter_minute x=3 3', 'machine_hour x=2 2'])
    expect(influx.queries.map((q) => new URL(q, 'http://x').searchParams.get('bucket'))).toEqual(['m', 'r'])
  })

  it('fails when the second bucket refuses, after the first bucket was written', async () => {
    const influx = await fakeInflux((n) => ({ status: n === 2 ? 503 : 204 }))
    const writer = createInfluxWriter({ ...options(influx.url), buckets: { minutes: 'm', rollups: 'r' } })
    await expect(writer.write(['machine_minute x=1 1', 'machine_hour x=2 2'])).rejects.toMatchObject({ code: 'influx_unavailable' })
  })

  it('takes points dropped as older than the retention as written, and still fails on other 422 answers', async () => {
    const expired = await fakeInflux(() => ({ status: 422, body: '{"code":"unprocessable entity","message":"failure writing points to database: partial write: dropped 1 points outside retention policy of duration 24h0m0s - oldest point a at 2026-11-22T15:59:09Z dropped because it violates a Retention Policy Lower Bound dropped=1"}' }))
    await expect(createInfluxWriter(options(expired.url)).write(['a x=1 1'])).resolves.toBeUndefined()
    server?.closeAllConnections()
    await new Promise<void>((resolve) => server?.close(() => resolve()))
    const other = await fakeInflux(() => ({ status: 422, body: '{"code":"unprocessable entity","message":"field type conflict"}' }))
    await expect(createInfluxWriter(options(other.url)).write(['a x=1 1'])).rejects.toMatchObject({ code: 'influx_rejected', retriable: false })
  })

  it.each([
    ['a server error', { status: 503 }, 'influx_unavailable', true],
    ['a refused point', { status: 400 }, 'influx_rejected', false],
    ['a write slower than the timeout', { status: 204, delayMs: 1_000 }, 'influx_unreachable', true],
  ])('reports %s as an error saying whether a retry may help', async (_name, answer, code, retriable) => {
    const influx = await fakeInflux(() => answer)
    await expect(createInfluxWriter(options(influx.url)).write(['a x=1 1'])).rejects.toMatchObject({ code, retriable })
  })
})
