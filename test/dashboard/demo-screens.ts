/**
 * Screenshots of every view on the running demo (`npm run demo`, best with a few hours of history:
 * DEMO_BACKFILL=6h), at 1920×1080 and 1024×768, in Chinese and English for the main views.
 * Usage:
 *   DEMO_PASSWORD=… node --import tsx test/dashboard/demo-screens.ts [http://127.0.0.1:8080]
 * Writes docs/dashboard/demo-*.png and prints any console error of a page. The month's render
 * time: test/dashboard/profile-month.ts.
 */
import { DESKTOP, launchChromium, SCREENSHOTS, TABLET } from './browser.ts'
import { signedInPage } from './demo-session.ts'

const base = process.argv[2] ?? 'http://127.0.0.1:8080'
const PLANT = '/plants/fengxin-yarn/fengxin-1'
type Shot = { name: string; person: string; path: string; ready: string; sizes: ('desktop' | 'tablet')[]; locales: ('zh-CN' | 'en')[] }
const BOTH = ['zh-CN', 'en'] as const
const SIZES = ['desktop', 'tablet'] as const
const shots: Shot[] = [
  { name: 'plant', person: 'manager', path: PLANT, ready: '[data-testid=oee-trend][data-rendered=yes]', sizes: [...SIZES], locales: [...BOTH] },
  { name: 'machine', person: 'manager', path: `${PLANT}/machines/ring-a/rf-a-01`, ready: '.chart[data-rendered=yes]', sizes: [...SIZES], locales: ['zh-CN'] },
  { name: 'energy', person: 'officer', path: `${PLANT}/energy?days=7`, ready: '[data-testid=energy-chart][data-rendered=yes]', sizes: [...SIZES], locales: [...BOTH] },
  { name: 'energy-month', person: 'officer', path: `${PLANT}/energy?days=30`, ready: '[data-testid=energy-chart][data-rendered=yes]', sizes: ['desktop'], locales: ['zh-CN'] },
  { name: 'scores', person: 'officer', path: `${PLANT}/scores`, ready: '[data-testid=score-history][data-rendered=yes]', sizes: [...SIZES], locales: [...BOTH] },
  { name: 'reports', person: 'officer', path: `${PLANT}/reports`, ready: '[data-testid=reports]', sizes: [...SIZES], locales: ['zh-CN', 'en'] },
  { name: 'platform', person: 'platform', path: '/platform', ready: '[data-testid=platform-plants] tbody tr', sizes: [...SIZES], locales: [...BOTH] },
  { name: 'platform-scores', person: 'platform', path: '/plants/dean-textile/dean-1/scores', ready: '[data-testid=score-history][data-rendered=yes]', sizes: ['desktop'], locales: ['en'] },
]

/** In the page (a string: these tests compile without DOM types): every chart's canvas spans its box. */
const CHARTS_FIT = `[...document.querySelectorAll('.chart')].every((c) => { const v = c.querySelector('canvas'); return !v || Math.abs(v.getBoundingClientRect().width - c.getBoundingClientRect().width) < 2 })`

const browser = await launchChromium()
// One signed-in page per person and language, resized per shot: the API allows 10 sign-ins a minute.
const sessions = new Map<string, Awaited<ReturnType<typeof signedInPage>>>()
try {
  for (const shot of shots) {
    for (const locale of shot.locales) {
      const key = `${shot.person}|${locale}`
      if (!sessions.has(key)) sessions.set(key, await signedInPage(browser, { base, name: shot.person, locale }))
      const s = sessions.get(key) as Awaited<ReturnType<typeof signedInPage>>
      for (const size of shot.sizes) {
        const seen = s.problems.length
        await s.page.setViewportSize(size === 'desktop' ? DESKTOP : TABLET)
        await s.page.goto(`${base}${shot.path}`)
        await s.page.waitForSelector(shot.ready, { timeout: 60_000 }).catch(() => console.log(`${shot.name}: ${shot.ready} did not appear`))
        await s.page.waitForLoadState('networkidle').catch(() => undefined)
        // ECharts resizes to its panel through a throttled ResizeObserver when later panels reflow the
        // grid; on a loaded machine that can take seconds: wait until every canvas spans its box.
        await s.page.waitForFunction(CHARTS_FIT, null, { timeout: 15_000 }).catch(() => console.log(`${shot.name}: a chart did not take its panel's width`))
        await s.page.waitForTimeout(500)
        const file = `demo-${shot.name}-${locale === 'en' ? 'en' : 'zh'}-${size}.png`
        await s.page.screenshot({ path: `${SCREENSHOTS}${file}`, fullPage: true })
        const problems = s.problems.slice(seen)
        console.log(`${file}${problems.length ? `  console: ${problems.join(' | ')}` : ''}`)
      }
    }
  }
} finally {
  for (const s of sessions.values()) await s.close()
  await browser.close()
}
