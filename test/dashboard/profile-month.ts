/**
 * Where the 30-day energy view spends its time on a running demo (`npm run demo`): loads it `runs`
 * times in Chromium and prints each load (navigation until the chart has drawn and the tables are
 * filled), then every API call of the view with its start and duration in the browser (Resource
 * Timing) and, when the API's log is given, the API's own time for it (pino's responseTime).
 * Usage:
 *   DEMO_PASSWORD=… node --import tsx test/dashboard/profile-month.ts [http://127.0.0.1:8080] [runs] [.run/demo/api.log]
 */
import { existsSync, readFileSync } from 'node:fs'
import { launchChromium } from './browser.ts'
import { signedInPage } from './demo-session.ts'

const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const runs = Number(process.argv[3] ?? 5)
const apiLog = process.argv[4]
const PLANT = '/plants/fengxin-yarn/fengxin-1'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').replace(/from=[^&]+&to=[^&]+/, 'from=…&to=…')

/** The API's time per request path since `sinceMs`, from its pino log (incoming request → request completed by reqId). */
function serverTimes(log: string, sinceMs: number): Map<string, number[]> {
  const urls = new Map<string, string>()
  const out = new Map<string, number[]>()
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue
    const e = JSON.parse(line) as { time?: string; reqId?: string; req?: { url?: string }; responseTime?: number }
    if (!e.reqId || !e.time || Date.parse(e.time) < sinceMs) continue
    if (e.req?.url) urls.set(e.reqId, pathOf(e.req.url))
    else if (e.responseTime !== undefined && urls.has(e.reqId)) {
      const path = urls.get(e.reqId) as string
      out.set(path, [...(out.get(path) ?? []), e.responseTime])
    }
  }
  return out
}

const browser = await launchChromium()
try {
  const s = await signedInPage(browser, { base, name: 'officer', locale: 'zh-CN' })
  // One load first so the ECharts chunk is in the browser's cache, as for a person who opened the dashboard before.
  await s.page.goto(`${base}${PLANT}/energy?days=7`)
  await s.page.waitForSelector('[data-testid=energy-chart][data-rendered=yes]')
  const sinceMs = Date.now()
  const loads: number[] = []
  const calls = new Map<string, { startMs: number[]; durationMs: number[] }>()
  for (let i = 0; i < runs; i++) {
    const started = Date.now()
    await s.page.goto(`${base}${PLANT}/energy?days=30`)
    await s.page.waitForSelector('[data-testid=energy-chart][data-rendered=yes]', { timeout: 60_000 })
    await s.page.waitForSelector('[data-testid=energy-by-line] tbody tr', { timeout: 60_000 })
    loads.push(Date.now() - started)
    const entries = await s.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/') || e.name.includes('/openapi.json')).map((e) => ({ name: e.name, startTime: e.startTime, duration: e.duration })))
    for (const e of entries) {
      const c = calls.get(pathOf(e.name)) ?? { startMs: [], durationMs: [] }
      c.startMs.push(e.startTime)
      c.durationMs.push(e.duration)
      calls.set(pathOf(e.name), c)
    }
  }
  await s.close()
  console.log(`energy view, 30 days: ${loads.join(', ')} ms; median ${median(loads)} ms, worst ${Math.max(...loads)} ms`)
  const server = apiLog && existsSync(apiLog) ? serverTimes(apiLog, sinceMs) : new Map<string, number[]>()
  console.log('call | calls | browser start (median ms) | browser duration median / worst (ms) | API time median / worst (ms)')
  for (const [path, c] of [...calls].sort((a, b) => median(a[1].startMs) - median(b[1].startMs))) {
    const api = server.get(path) ?? []
    const apiText = api.length ? `${Math.round(median(api))} / ${Math.round(Math.max(...api))}` : '—'
    console.log(`${path} | ${c.durationMs.length} | ${Math.round(median(c.startMs))} | ${Math.round(median(c.durationMs))} / ${Math.round(Math.max(...c.durationMs))} | ${apiText}`)
  }
} finally {
  await browser.close()
}
