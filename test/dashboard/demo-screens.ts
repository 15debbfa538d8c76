/**
 * Screenshots of every view on the running demo (`npm run demo`), and the time the energy view
 * takes to render 30 days there. Usage:
 *   DEMO_PASSWORD=… node --import tsx test/dashboard/demo-screens.ts [http://127.0.0.1:8080] [runs]
 * Writes docs/dashboard/demo-*.png; prints each month render time and their median.
 */
import type { Browser } from 'playwright-core'
import { DESKTOP, launchChromium, SCREENSHOTS, TABLET } from './browser.ts'

const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const runs = Number(process.argv[3] ?? 5)
const password = process.env.DEMO_PASSWORD ?? ''
if (!password) throw new Error('DEMO_PASSWORD: the password the demo printed')
const PLANT = '/plants/fengxin-yarn/fengxin-1'

async function session(browser: Browser, name: string, locale: 'zh-CN' | 'en', viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale })
  await context.addInitScript((l) => {
    if (l === 'en') (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('millstream.locale', 'en')
  }, locale)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => void ((m.type() === 'error' || m.type() === 'warning') && problems.push(m.text())))
  await page.goto(`${base}/sign-in`)
  await page.fill('input[name=name]', name)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
  return { page, problems, close: () => context.close() }
}

const browser = await launchChromium()
try {
  const shots: [string, 'zh-CN' | 'en', typeof DESKTOP, string, string][] = [
    ['manager', 'zh-CN', DESKTOP, PLANT, 'demo-plant-zh-desktop'],
    ['manager', 'en', TABLET, PLANT, 'demo-plant-en-tablet'],
    ['manager', 'zh-CN', DESKTOP, `${PLANT}/machines/ring-a/rf-a-01`, 'demo-machine-zh-desktop'],
    ['officer', 'zh-CN', DESKTOP, `${PLANT}/energy?days=7`, 'demo-energy-zh-desktop'],
    ['officer', 'en', TABLET, `${PLANT}/energy?days=7`, 'demo-energy-en-tablet'],
    ['platform', 'zh-CN', DESKTOP, '/platform', 'demo-platform-zh-desktop'],
  ]
  for (const [name, locale, viewport, path, file] of shots) {
    const s = await session(browser, name, locale, viewport)
    await s.page.goto(`${base}${path}`)
    await s.page.waitForLoadState('networkidle').catch(() => undefined)
    await s.page.waitForTimeout(3000)
    await s.page.screenshot({ path: `${SCREENSHOTS}${file}.png`, fullPage: true })
    console.log(`${file}.png${s.problems.length ? `  console: ${s.problems.join(' | ')}` : ''}`)
    await s.close()
  }
  const s = await session(browser, 'officer', 'zh-CN')
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = Date.now()
    await s.page.goto(`${base}${PLANT}/energy?days=30`)
    await s.page.waitForSelector('[data-testid=energy-chart][data-rendered=yes]')
    await s.page.waitForSelector('[data-testid=energy-by-line] tbody tr')
    times.push(Date.now() - started)
    if (i === runs - 1) {
      const calls = await s.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).map((e) => `${Math.round(e.startTime)}+${Math.round(e.duration)} ms ${e.name.replace(/^https?:\/\/[^/]+/, '')}`))
      console.log(`last run's API calls (start+duration from navigation):\n${calls.join('\n')}`)
    }
  }
  await s.close()
  const sorted = [...times].sort((a, b) => a - b)
  console.log(`energy view, 30 days, on the demo: ${times.join(', ')} ms; median ${sorted[Math.floor(sorted.length / 2)]} ms`)
} finally {
  await browser.close()
}
