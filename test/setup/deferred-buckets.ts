import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerEnv } from './global-setup.ts'

/**
 * Test buckets are deleted when the whole suite has ended, not in each test's teardown: InfluxDB
 * 2.7.12 crashes (SIGSEGV) when a bucket is deleted under a running query (docs/infrastructure.md).
 * Tests append names to the file named by MILLSTREAM_TEST_BUCKETS_FILE (test/support/influx.ts);
 * workers inherit the variable because it is set before they start.
 */
export function deferBucketDeletes(): (servers: ServerEnv) => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'millstream-buckets-'))
  const file = join(dir, 'buckets.txt')
  process.env.MILLSTREAM_TEST_BUCKETS_FILE = file
  return async (servers) => {
    let names: string[] = []
    try {
      names = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))]
    } catch {
      // No test deleted a bucket.
    }
    const headers = { Authorization: `Token ${servers.influxToken}` }
    const orgs = (await (await fetch(`${servers.influxUrl}/api/v2/orgs?org=${encodeURIComponent(servers.influxOrg)}`, { headers })).json()) as { orgs?: { id: string }[] }
    const orgID = orgs.orgs?.[0]?.id
    for (const name of orgID ? names : []) {
      const found = (await (await fetch(`${servers.influxUrl}/api/v2/buckets?name=${encodeURIComponent(name)}&orgID=${orgID}`, { headers })).json()) as { buckets?: { id: string }[] }
      for (const b of found.buckets ?? []) await fetch(`${servers.influxUrl}/api/v2/buckets/${b.id}`, { method: 'DELETE', headers })
    }
    rmSync(dir, { recursive: true, force: true })
  }
}
