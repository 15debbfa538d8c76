import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApi, apiConfigSchema, createUserStore, type Api, type Role } from '@millstream/api'
import { registrySchema, type Registry } from '@millstream/contract'
import { loadRegistry, TEST_REGISTRY_PATH } from '@millstream/seeds'
import pino from 'pino'
import { servers } from '../support/servers.ts'

/** The test registry's firm plus a copy under other ids: the second tenant of the tenancy tests. */
export function twoTenantRegistry(): Registry {
  const base = loadRegistry(TEST_REGISTRY_PATH)
  const firm = base.firms[0]
  if (!firm) throw new Error('test registry has no firm')
  const other = { ...firm, id: 'other-firm', name: 'Other Firm Ltd', plants: firm.plants.map((p) => ({ ...p, id: `other-${p.id}`, name: `Other ${p.name}` })) }
  return registrySchema.parse({ version: 1, firms: [firm, other] })
}

export const PASSWORD = 'correct horse battery staple'
/** One person of each role, all on test-firm/test-plant (the platform role sees other-firm, which shares the default; test-firm shares nothing). */
export const PEOPLE: Record<Role, { name: string; firms: string[]; plants: { firm: string; plant: string }[] }> = {
  admin: { name: 'ada-admin', firms: [], plants: [] },
  energy_officer: { name: 'eve-energy', firms: ['test-firm'], plants: [] },
  plant_manager: { name: 'pat-plant', firms: [], plants: [{ firm: 'test-firm', plant: 'test-plant' }] },
  platform: { name: 'plato-platform', firms: [], plants: [] },
}

export interface TestApi {
  api: Api
  base: string
  dataDir: string
  users: ReturnType<typeof createUserStore>
  tokenOf(role: Role): Promise<string>
  get(path: string, token?: string): Promise<{ status: number; body: unknown; text: string; headers: Headers }>
  stop(): Promise<void>
}

/** The API in-process on a free port, on a bucket of the real InfluxDB, with one user per role. */
export async function startTestApi(options: { bucket: string; registry?: Registry; env?: Record<string, string>; now?: () => number }): Promise<TestApi> {
  const s = servers()
  const dataDir = mkdtempSync(join(tmpdir(), 'millstream-api-'))
  const users = createUserStore(join(dataDir, 'users.json'))
  for (const [role, p] of Object.entries(PEOPLE)) await users.putUser({ ...p, role: role as Role, password: PASSWORD })
  users.setSharing('test-firm', [])
  const config = apiConfigSchema.parse({
    INFLUX_URL: s.influxUrl, INFLUX_TOKEN: s.influxToken, INFLUX_ORG: s.influxOrg, INFLUX_BUCKET: options.bucket, KAFKA_BROKERS: s.kafkaBrokers,
    HTTP_PORT: '0', API_PORT: '0', API_DATA_DIR: dataDir, API_JWT_SECRET: 'x'.repeat(40), ...options.env,
  })
  const api = await startApi({ config, logger: pino({ level: 'silent' }), registry: options.registry ?? twoTenantRegistry(), ...(options.now ? { now: options.now } : {}) })
  const base = `http://127.0.0.1:${api.port}`
  const tokens = new Map<Role, string>()
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
    // A live stream never ends: its status and headers are the answer.
    if (res.headers.get('content-type')?.includes('text/event-stream')) {
      await res.body?.cancel()
      return { status: res.status, body: undefined, text: '', headers: res.headers }
    }
    const text = await res.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: res.status, body, text, headers: res.headers }
  }
  return {
    api, base, dataDir, users, get,
    async tokenOf(role) {
      const cached = tokens.get(role)
      if (cached) return cached
      const res = await fetch(`${base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: PEOPLE[role].name, password: PASSWORD }) })
      const { token } = (await res.json()) as { token: string }
      tokens.set(role, token)
      return token
    },
    async stop() {
      await api.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
