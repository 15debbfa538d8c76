import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { openDashboard, rawKeys, signIn, type DashboardPage } from './browser.ts'
import type { DashboardPipeline } from './dashboard-pipeline.ts'

export type Person = 'plant_manager' | 'energy_officer' | 'platform'

/** What every browser test of the dashboard does: read the API as a person, open a signed-in page, retry until the screen settles. */
export function dashboardHarness(pipeline: () => DashboardPipeline, browser: () => Browser) {
  const apiJson = async <T>(path: string, role: Person = 'plant_manager'): Promise<T> =>
    (await pipeline().api.get(path, await pipeline().api.tokenOf(role))).body as T

  /** Polls until `check` passes (the screen and the API agree once the last minutes settle), then returns. */
  async function eventually(check: () => Promise<void>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      try {
        return await check()
      } catch (err) {
        if (Date.now() > deadline) throw err
        await new Promise((r) => setTimeout(r, 2_000))
      }
    }
  }

  /** A signed-in page; afterwards no message key may show as text and the console must be clean (but for `expectedProblem`). */
  async function withDashboard(o: { role: Person; locale: 'zh-CN' | 'en'; viewport?: { width: number; height: number }; expectedProblem?: RegExp }, body: (d: DashboardPage) => Promise<void>): Promise<void> {
    const d = await openDashboard(browser(), { base: pipeline().api.base, locale: o.locale, ...(o.viewport ? { viewport: o.viewport } : {}) })
    try {
      await signIn(d.page, o.role)
      await body(d)
      expect(await rawKeys(d.page)).toEqual([])
      expect(d.problems.filter((p) => !o.expectedProblem?.test(p))).toEqual([])
    } finally {
      await d.close()
    }
  }

  const cellText = (page: Page, selector: string) => page.locator(selector).innerText()
  return { apiJson, eventually, withDashboard, cellText }
}
