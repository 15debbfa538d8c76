import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { PASSWORD, PEOPLE } from '../api/api-support.ts'
import type { Role } from '@millstream/api'

/** Debian's Chromium (bootstrap installs it): playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/dashboard/', import.meta.url))
export const DESKTOP = { width: 1920, height: 1080 }
export const TABLET = { width: 1024, height: 768 }

export function launchChromium(): Promise<Browser> {
  // Root in CI: Chromium's sandbox needs a user namespace it may not have.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
}

export interface DashboardPage {
  page: Page
  /** Console errors and warnings (vue-i18n's missing-key warnings among them) and page errors. */
  problems: string[]
  close(): Promise<void>
}

/** A fresh browser context (own storage) in one language and size, watching the console. */
export async function openDashboard(browser: Browser, o: { base: string; locale: 'zh-CN' | 'en'; viewport?: { width: number; height: number } }): Promise<DashboardPage> {
  const context = await browser.newContext({ viewport: o.viewport ?? DESKTOP, locale: o.locale, timezoneId: 'Europe/London' })
  // The language the person chose before is kept in localStorage; zh-CN is the default.
  await context.addInitScript((locale) => {
    if (locale === 'en') (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('millstream.locale', 'en')
  }, o.locale)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()} (${m.location().url})`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(`${o.base}/`)
  return { page, problems, close: () => context.close() }
}

export async function signIn(page: Page, role: Role): Promise<void> {
  await page.waitForSelector('input[name=name]')
  await page.fill('input[name=name]', PEOPLE[role].name)
  await page.fill('input[name=password]', PASSWORD)
  await page.click('button[type=submit]')
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  // ECharts resizes to its panel through a throttled ResizeObserver when later panels reflow the grid.
  await page.waitForTimeout(600)
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true })
}

/** Message keys shown as text (e.g. `energy.coal`) mean a translation is missing. */
export async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText()
  return [...text.matchAll(/\b(app|nav|signIn|common|live|state|oee|textile|pareto|machine|energy|medium|platform|units|duration|factorStatus|countUnit|basis|apiReason|sec|enpi|process|scores|scoreComponent|reports|band|reason)\.[a-zA-Z_]+\b/g)].map((m) => m[0])
}
