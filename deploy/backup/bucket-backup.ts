import { execFile } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { chmod } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { createGunzip } from 'node:zlib'

export interface InfluxTarget {
  url: string
  /** A token that may read and create buckets and write them (the operator's, for a restore). */
  token: string
  org: string
}

/** A bucket's settings, kept beside its points so that a restore recreates it alike. */
export interface BucketManifest {
  name: string
  retentionRules: { type: string; everySeconds: number; shardGroupDurationSeconds?: number }[]
  description?: string
  lines?: number
}

async function api<T>(target: InfluxTarget, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${target.url}${path}`, { ...init, headers: { Authorization: `Token ${target.token}`, 'Content-Type': 'application/json', ...init.headers } })
  if (!res.ok) throw new Error(`InfluxDB ${init.method ?? 'GET'} ${path.split('?')[0]}: ${res.status} ${(await res.text()).slice(0, 300)}`)
  return (res.status === 204 ? undefined : await res.json()) as T
}

async function orgId(target: InfluxTarget): Promise<string> {
  const body = await api<{ orgs?: { id: string }[] }>(target, `/api/v2/orgs?org=${encodeURIComponent(target.org)}`)
  const id = body.orgs?.[0]?.id
  if (!id) throw new Error(`InfluxDB org ${target.org} not found`)
  return id
}

async function findBucket(target: InfluxTarget, name: string): Promise<({ id: string } & BucketManifest) | undefined> {
  const res = await fetch(`${target.url}/api/v2/buckets?name=${encodeURIComponent(name)}&orgID=${await orgId(target)}`, { headers: { Authorization: `Token ${target.token}` } })
  if (res.status === 404) return undefined // a name no bucket has
  if (!res.ok) throw new Error(`InfluxDB GET /api/v2/buckets: ${res.status} ${(await res.text()).slice(0, 300)}`)
  return ((await res.json()) as { buckets?: ({ id: string } & BucketManifest)[] }).buckets?.[0]
}

/**
 * Exports a bucket's points with InfluxDB's own `influxd inspect export-lp` (line protocol,
 * gzipped; it reads the TSM files and the WAL of the running server, so it must run where the
 * engine folder is). The influx CLI's `backup`, the usual tool, is not served by the module proxy
 * this project builds from.
 */
export async function exportBucket(target: InfluxTarget, name: string, file: string, influxd: { bin: string; enginePath: string }): Promise<BucketManifest> {
  const bucket = await findBucket(target, name)
  if (!bucket) throw new Error(`bucket ${name} not found`)
  await promisify(execFile)(influxd.bin, ['inspect', 'export-lp', '--bucket-id', bucket.id, '--engine-path', influxd.enginePath, '--output-path', file, '--compress', '--log-level', 'error'], { maxBuffer: 16 * 1024 * 1024 })
  await chmod(file, 0o600)
  return { name, retentionRules: bucket.retentionRules, ...(bucket.description ? { description: bucket.description } : {}), lines: await countLines(file) }
}

async function countLines(file: string): Promise<number> {
  let n = 0
  for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })) if (line && !line.startsWith('#')) n += 1
  return n
}

/**
 * Posts line protocol; returns how many points InfluxDB dropped as older than the bucket's
 * retention (HTTP 422 "partial write: dropped N points outside retention policy": the others are
 * written), and throws on any other refusal.
 */
async function writeChunk(target: InfluxTarget, bucket: string, lines: readonly string[]): Promise<number> {
  const res = await fetch(`${target.url}/api/v2/write?org=${encodeURIComponent(target.org)}&bucket=${encodeURIComponent(bucket)}&precision=ns`, {
    method: 'POST',
    body: lines.join('\n'),
    headers: { Authorization: `Token ${target.token}`, 'Content-Type': 'text/plain; charset=utf-8' },
  })
  if (res.ok) return 0
  const body = await res.text()
  const expired = res.status === 422 ? /partial write: dropped (\d+) points outside retention policy/.exec(body) : null
  if (expired) return Number(expired[1])
  throw new Error(`InfluxDB POST /api/v2/write: ${res.status} ${body.slice(0, 300)}`)
}

/**
 * Writes an export back: creates the bucket with its retention (it must not exist: a restore never
 * overwrites newer points with older ones), then posts the points in chunks, nanosecond precision
 * as exported. Points that have outlived the bucket's retention since the backup are dropped by
 * InfluxDB, as they would have been had the bucket lived on (issue 17). Returns the lines written
 * and those expired.
 */
export async function importBucket(target: InfluxTarget, manifest: BucketManifest, file: string, chunkLines = 5_000): Promise<{ written: number; expired: number }> {
  if (await findBucket(target, manifest.name)) throw new Error(`bucket ${manifest.name} exists: delete it (with nothing reading it) or restore elsewhere`)
  {
    await api(target, '/api/v2/buckets', { method: 'POST', body: JSON.stringify({ orgID: await orgId(target), name: manifest.name, retentionRules: manifest.retentionRules, ...(manifest.description ? { description: manifest.description } : {}) }) })
  }
  let written = 0
  let expired = 0
  let chunk: string[] = []
  const flush = async () => {
    if (chunk.length === 0) return
    const dropped = await writeChunk(target, manifest.name, chunk)
    expired += dropped
    written += chunk.length - dropped
    chunk = []
  }
  for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })) {
    if (!line || line.startsWith('#')) continue
    chunk.push(line)
    if (chunk.length >= chunkLines) await flush()
  }
  await flush()
  if (manifest.lines !== undefined && written + expired !== manifest.lines) throw new Error(`restored ${written} lines (${expired} expired) into ${manifest.name}, the backup holds ${manifest.lines}`)
  return { written, expired }
}
