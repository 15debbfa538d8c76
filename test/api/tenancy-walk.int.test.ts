import { ROLES, type Role } from '@millstream/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from './api-support.ts'

/*
 * Walks every route of the served OpenAPI document with every role. Ids of another tenant (for
 * the platform role: a firm that shares nothing)
 * must be refused with 403 and a JSON body naming no tenant; the same route with the caller's own
 * ids must not be refused, so the walk proves the refusal comes from tenancy, not from the route.
 */
const OWN = { firm: 'test-firm', plant: 'test-plant' }
const OTHER = { firm: 'other-firm', plant: 'other-test-plant' }
const QUERY = 'from=2025-06-02&to=2025-06-02'
/** What each role may read of its own tenant (route tag → allowed); the platform role sees shared totals only. */
const ALLOWED_OWN: Record<Role, (path: string) => boolean> = {
  admin: () => true,
  energy_officer: () => true,
  // A plant manager reads its plants, not the firm's own reports.
  plant_manager: (path) => !path.startsWith('/v1/firms/{firm}/reports'),
  platform: (path) => !path.includes('/plants/{plant}') || /\/energy\/(totals|summary)$/.test(path) || /\/scores(\/components|\/latest)?$/.test(path) || /\/plants\/\{plant\}(\/shift-calendar)?$/.test(path),
}

let t: TestApi
let routes: string[] = []
beforeAll(async () => {
  t = await startTestApi({ bucket: 'telemetry' })
  const doc = (await t.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }
  routes = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops).map(([path]) => path)
}, 60_000)
afterAll(() => t?.stop())

// Report files (issue 15) also name a kind, period and file; the walk's data dir has none, so one's own is 404, not refused.
const fill = (path: string, ids: { firm: string; plant: string }) => `${path.replace('{firm}', ids.firm).replace('{plant}', ids.plant).replace('{kind}', path.includes('{plant}') ? 'energy-monthly' : 'energy-monthly-firm').replace('{period}', '2025-06').replace('{file}', 'en.pdf')}?${QUERY}`
const OWN_ABSENT = (path: string) => path.endsWith('{file}')

describe('tenancy walk over every OpenAPI route', () => {
  it('finds the tenant routes in the document', () => {
    expect(routes.filter((r) => r.includes('{firm}')).length).toBeGreaterThanOrEqual(20)
  })

  it.each(ROLES.filter((r) => r !== 'admin'))('refuses %s on every route with another tenant’s ids, and serves its own', async (role) => {
    // test-firm shares nothing (api-support), so for the platform role it is the other tenant.
    const token = await t.tokenOf(role)
    const other = role === 'platform' ? OWN : OTHER
    for (const path of routes.filter((r) => r.includes('{firm}'))) {
      const refused = await t.get(fill(path, other), token)
      expect(refused.status, `${role} ${path}`).toBe(403)
      expect(refused.body).toEqual({ code: 'forbidden', message: 'not allowed for this identity' })
      expect(refused.text).not.toMatch(/other|Other/)
      if (role === 'platform') continue
      const own = await t.get(fill(path, OWN), token)
      expect(own.status, `${role} own ${path}: ${own.text}`).toBe(ALLOWED_OWN[role](path) ? (OWN_ABSENT(path) ? 404 : 200) : 403)
    }
  })

  it('lets the platform role read only what a sharing firm shares, never telemetry', async () => {
    const token = await t.tokenOf('platform')
    for (const path of routes.filter((r) => r.includes('{plant}'))) {
      const res = await t.get(fill(path, OTHER), token)
      expect(res.status, path).toBe(ALLOWED_OWN.platform(path) ? 200 : 403)
    }
    t.users.setSharing('other-firm', ['scores'])
    expect((await t.get(fill('/v1/firms/{firm}/plants/{plant}/energy/totals', OTHER), token)).status).toBe(403)
    t.users.setSharing('other-firm', ['energy_totals'])
    expect((await t.get(fill('/v1/firms/{firm}/plants/{plant}/scores', OTHER), token)).status).toBe(403)
    t.users.setSharing('other-firm', ['scores', 'energy_totals'])
  })

  it('lists only the caller’s firms and plants', async () => {
    const firmsOf = async (role: Role) => ((await t.get('/v1/firms', await t.tokenOf(role))).body as { id: string; plants: { id: string }[] }[]).map((f) => `${f.id}:${f.plants.map((p) => p.id).join(',')}`)
    expect(await firmsOf('plant_manager')).toEqual(['test-firm:test-plant'])
    expect(await firmsOf('energy_officer')).toEqual(['test-firm:test-plant'])
    expect(await firmsOf('platform')).toEqual(['other-firm:other-test-plant'])
    expect(await firmsOf('admin')).toHaveLength(2)
  })

  it('refuses every tenant route without credentials, JSON and no stack', async () => {
    for (const path of routes) {
      const res = await t.get(fill(path, OWN))
      expect(res.status, path).toBe(401)
      expect(res.body).toEqual({ code: 'unauthorized', message: 'sign in or present an API key' })
    }
  })
})
