import type { Browser, Page } from 'playwright-core'
import { DESKTOP } from './browser.ts'

/**
 * A signed-in page on the running demo (`npm run demo`): the demo's sign-ins share the password it
 * printed (DEMO_PASSWORD). Console errors and warnings are collected, as in the browser tests.
 */
export async function signedInPage(browser: Browser, o: { base: string; name: string; locale: 'zh-CN' | 'en'; viewport?: { width: number; height: number } }): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const password = process.env.DEMO_PASSWORD ?? ''
  if (!password) throw new Error('DEMO_PASSWORD: the password the demo printed')
  const context = await browser.newContext({ viewport: o.viewport ?? DESKTOP, locale: o.locale })
  await context.addInitScript((l) => {
    if (l === 'en') (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('millstream.locale', 'en')
  }, o.locale)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => void ((m.type() === 'error' || m.type() === 'warning') && problems.push(m.text())))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(`${o.base}/sign-in`)
  await page.fill('input[name=name]', o.name)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
  return { page, problems, close: () => context.close() }
}
