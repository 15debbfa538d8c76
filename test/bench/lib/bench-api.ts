import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiConfigSchema, createUserStore, startApi } from '@millstream/api'
import type { Registry } from '@millstream/contract'
import pino from 'pino'

/**
 * An API on an ephemeral port with one plant manager of test-firm/test-plant signed in, for the
 * live benchmarks. `overrides` are API settings on top of the servers' environment.
 */
export async function startBenchApi(registry: Registry, overrides: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-api-'))
  await createUserStore(join(dataDir, 'users.json')).putUser({ name: 'bench', role: 'plant_manager', firms: [], plants: [{ firm: 'test-firm', plant: 'test-plant' }], password: 'bench-password-long' })
  const config = apiConfigSchema.parse({ ...process.env, API_PORT: '0', HTTP_PORT: '0', API_DATA_DIR: dataDir, API_JWT_SECRET: 'b'.repeat(40), LOG_LEVEL: process.env.BENCH_API_LOG ?? 'silent', ...overrides })
  const api = await startApi({ config, logger: pino({ level: process.env.BENCH_API_LOG ?? 'silent' }), registry })
  const base = `http://127.0.0.1:${api.port}`
  const signIn = await fetch(`${base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password-long' }) })
  const { token } = (await signIn.json()) as { token: string }
  return { api, base, token }
}
