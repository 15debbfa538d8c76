import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestApi, type TestApi } from './api-support.ts'

const signIn = (t: TestApi, name: string, password: string) =>
  fetch(`${t.base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) })

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({ bucket: 'telemetry', env: { API_SIGN_IN_PER_MINUTE: '5' } })
}, 60_000)
afterAll(() => t?.stop())

describe('sign-in, sessions and API keys', () => {
  it('serves the OpenAPI 3.1 document and the interactive docs without credentials', async () => {
    const doc = await t.get('/openapi.json')
    expect(doc.status).toBe(200)
    expect((doc.body as { openapi: string }).openapi).toBe('3.1.0')
    expect(Object.keys((doc.body as { paths: object }).paths)).toContain('/v1/firms/{firm}/plants/{plant}/efficiency')
    const docs = await fetch(`${t.base}/docs/`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain('swagger')
  })

  it('stores only scrypt hashes and signs people in with a short-lived token', async () => {
    const file = readFileSync(join(t.dataDir, 'users.json'), 'utf8')
    expect(file).not.toContain(PASSWORD)
    expect(file).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/)
    const res = await signIn(t, 'pat-plant', PASSWORD)
    const body = (await res.json()) as { token: string; expiresInS: number }
    expect(body.expiresInS).toBe(900)
    const me = await t.get('/v1/me', body.token)
    expect(me.body).toEqual({ subject: 'pat-plant', role: 'plant_manager', firms: [], plants: [{ firm: 'test-firm', plant: 'test-plant' }] })
  })

  it('refuses a wrong password and a forged token with JSON and no stack', async () => {
    const wrong = await signIn(t, 'pat-plant', 'not the password')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ code: 'unauthorized', message: 'wrong name or password' })
    const token = (await (await signIn(t, 'pat-plant', PASSWORD)).json() as { token: string }).token
    const [h, p] = token.split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ subject: 'x', role: 'admin', firms: [], plants: [] })).toString('base64url')}.${token.split('.')[2]}`
    expect(p).toBeDefined()
    expect((await t.get('/v1/firms', forged)).status).toBe(401)
  })

  it('rejects bad input with a JSON reason naming the field', async () => {
    const token = await t.tokenOf('admin')
    const res = await t.get('/v1/firms/test-firm/plants/test-plant/efficiency?from=yesterday&to=2025-06-02', token)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'bad_request' })
    expect((res.body as { message: string }).message).toMatch(/querystring\.from/)
    expect(res.text).not.toMatch(/at .*\.ts:\d+/)
    const long = await t.get('/v1/firms/test-firm/plants/test-plant/efficiency?from=2020-01-01&to=2025-06-02', token)
    expect(long.status).toBe(400)
  })

  it('accepts an API key only within its scopes, before expiry and until revoked', async () => {
    const key = t.users.createApiKey({ label: 'benchmarking', role: 'platform', firms: [], plants: [], scopes: ['energy_totals'], expiresAt: new Date(Date.now() + 60_000).toISOString() })
    const totals = '/v1/firms/other-firm/plants/other-test-plant/energy/totals?from=2025-06-02&to=2025-06-02'
    expect((await t.get(totals, key.key)).status).toBe(200)
    expect((await t.get('/v1/firms/other-firm/plants/other-test-plant', key.key)).status).toBe(403)
    // The secret is all after `<prefix>_<id>_` (base64url: it may hold '_' itself).
    expect(readFileSync(join(t.dataDir, 'users.json'), 'utf8')).not.toContain(key.key.slice(key.key.indexOf(key.id) + key.id.length + 1))
    expect((await t.get(totals, `${key.key}x`)).status).toBe(401)
    t.users.revokeApiKey(key.id, Date.now())
    expect((await t.get(totals, key.key)).status).toBe(401)
    const expired = t.users.createApiKey({ label: 'old', role: 'platform', firms: [], plants: [], scopes: ['energy_totals'], expiresAt: new Date(Date.now() - 1).toISOString() })
    expect((await t.get(totals, expired.key)).status).toBe(401)
  })

  it('rate-limits sign-in per client', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await signIn(t, 'nobody', 'guess-guess-guess')).status)
    expect(statuses).toContain(429)
    const limited = await signIn(t, 'nobody', 'guess')
    expect(await limited.json()).toEqual({ code: 'rate_limited', message: 'too many requests; retry later' })
  })
})
