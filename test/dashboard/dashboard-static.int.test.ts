import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { ensureDashboardBuilt } from './dashboard-pipeline.ts'

let t: TestApi
beforeAll(async () => {
  ensureDashboardBuilt()
  t = await startTestApi({ bucket: 'telemetry' })
}, 120_000)
afterAll(async () => t?.stop())

const fetchText = async (path: string) => {
  const res = await fetch(`${t.base}${path}`)
  return { status: res.status, type: res.headers.get('content-type') ?? '', cache: res.headers.get('cache-control') ?? '', text: await res.text() }
}

describe('the API serves the dashboard', () => {
  it('answers the app at / and at every client route, without a session, never cached', async () => {
    for (const path of ['/', '/sign-in', '/plants/test-firm/test-plant', '/plants/test-firm/test-plant/machines/weaving/loom-01', '/platform']) {
      const r = await fetchText(path)
      expect(r.status, path).toBe(200)
      expect(r.type, path).toContain('text/html')
      expect(r.text, path).toContain('<div id="app">')
      expect(r.cache, path).toBe('no-cache')
    }
  })

  it('serves hashed assets with a long cache and refuses a missing file with 404', async () => {
    const html = (await fetchText('/')).text
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? ''
    expect(asset).not.toBe('')
    const r = await fetchText(asset)
    expect(r.status).toBe(200)
    expect(r.type).toContain('javascript')
    expect(r.cache).toContain('immutable')
    expect((await fetchText('/assets/missing-0000.js')).status).toBe(404)
    expect((await fetchText('/missing.png')).status).toBe(404)
  })

  it('never shadows the API: unknown /v1 routes stay JSON 404, data routes still need a session, docs and OpenAPI still answer', async () => {
    const unknown = await fetchText('/v1/no-such-route')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toEqual({ code: 'not_found', message: 'route not found' })
    expect((await fetchText('/v1/firms')).status).toBe(401)
    expect((await fetchText('/openapi.json')).type).toContain('application/json')
    const docs = await fetchText('/docs')
    expect(docs.status).toBeLessThan(400)
    expect(docs.text).not.toContain('<div id="app">')
  })
})
