import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatNumber, formatPercent, localDate } from '../../services/dashboard/src/lib/format.ts'
import { publishAll } from '../support/publisher.ts'
import { TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { DESKTOP, launchChromium, openDashboard, screenshot, signIn, TABLET } from './browser.ts'
import { dashboardHarness } from './dashboard-harness.ts'
import { startDashboardPipeline, type DashboardPipeline } from './dashboard-pipeline.ts'
import { describeLaterPanels } from './later-panels.ts'

const PLANT = '/plants/test-firm/test-plant'
const API_PLANT = '/v1/firms/test-firm/plants/test-plant'
const TZ = 'Asia/Shanghai'
type Row<V> = { group: Record<string, string>; values: V }

let pipeline: DashboardPipeline
let browser: Browser
beforeAll(async () => {
  pipeline = await startDashboardPipeline()
  browser = await launchChromium()
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await pipeline?.stop()
})

const { apiJson, eventually, withDashboard, cellText } = dashboardHarness(() => pipeline, () => browser)

describe('dashboard in Chromium against the running pipeline', () => {
  it.each([['zh-CN', DESKTOP, 'plant-zh-desktop'], ['en', DESKTOP, 'plant-en-desktop'], ['zh-CN', TABLET, 'plant-zh-tablet']] as const)(
    'plant manager (%s): live grid of every machine, OEE by line and the stop Pareto equal the API', async (locale, viewport, shot) => {
      await withDashboard({ role: 'plant_manager', locale, viewport }, async ({ page }) => {
        await page.goto(`${pipeline.api.base}${PLANT}`)
        const registry = await apiJson<{ lines: { machines: unknown[] }[] }>(API_PLANT)
        const machines = registry.lines.reduce((n, l) => n + l.machines.length, 0)
        await expect.poll(() => page.locator('.tile').count()).toBe(machines)
        // The simulator has just published every machine's state: none is left as "no data".
        await expect.poll(() => page.locator('.tile[data-state=no_data]').count(), { timeout: 30_000 }).toBe(0)
        const today = localDate(Date.now(), TZ)
        await eventually(async () => {
          await page.reload()
          await page.waitForSelector('[data-testid=oee-table] tbody tr')
          const api = await apiJson<{ rows: Row<{ kpis: Record<string, number | null> & { effectivenessGap: string | null } }>[] }>(`${API_PLANT}/efficiency?from=${today}&to=${today}&by=line`)
          expect(api.rows.length).toBeGreaterThan(0)
          for (const r of api.rows) {
            // A batch line before a batch of the day ended: no performance or OEE, a dagger and the reason below (docs/metrics.md §4.3).
            const gap = r.values.kpis.effectivenessGap ? '†' : ''
            for (const k of ['oee', 'availability', 'effectiveness']) {
              const mark = k === 'availability' ? '' : gap
              expect(await cellText(page, `[data-testid=oee-table] tr[data-line="${r.group.line}"] [data-kpi=${k}]`), `${r.group.line} ${k}`).toBe(formatPercent(locale, r.values.kpis[k] as number | null) + mark)
            }
          }
          expect(await page.locator('[data-testid=oee-gap]').count()).toBe(api.rows.filter((r) => r.values.kpis.effectivenessGap).length)
          const stops = await apiJson<{ rows: Row<{ count: number; downS: number }>[] }>(`${API_PLANT}/stops?from=${today}&to=${today}`)
          const shown = stops.rows.filter((s) => s.values.count > 0 || s.values.downS > 0)
          // Just after the plant's midnight "today" may hold no final minute with a stop yet (a
          // run at 00:50 in Shanghai had none): then the panel must show no table either.
          if (shown.length === 0) expect(await page.locator('[data-testid=pareto-table]').count()).toBe(0)
          for (const s of shown) {
            expect(await cellText(page, `[data-testid=pareto-table] tr[data-reason="${s.group.reason}"] [data-field=downMin]`)).toBe(formatNumber(locale, s.values.downS / 60, 1))
            expect(await cellText(page, `[data-testid=pareto-table] tr[data-reason="${s.group.reason}"] [data-field=count]`)).toBe(formatNumber(locale, s.values.count, 0))
          }
        })
        // Per shift: the API's rows when it offers them, else "not available yet", never a number of its own.
        const perShift = await pipeline.api.get(`${API_PLANT}/efficiency?from=${today}&to=${today}&by=line&granularity=shift`, await pipeline.api.tokenOf('plant_manager'))
        if (perShift.status === 200) {
          // Each shown shift cell is the API's OEE; a shift without an ended batch carries the dagger and says why.
          await eventually(async () => {
            await page.reload()
            await page.waitForSelector('[data-testid=shift-oee] tbody tr')
            const rows = (await apiJson<{ rows: Row<{ kpis: { oee: number | null; effectivenessGap: string | null } }>[] }>(`${API_PLANT}/efficiency?from=${today}&to=${today}&by=line&granularity=shift`)).rows
            let checked = 0
            for (const r of rows) {
              const selector = `[data-testid=shift-oee] tr[data-line="${r.group.line}"] td[data-shift="${r.group.date ?? ''} ${r.group.shift ?? ''}"]`
              if ((await page.locator(selector).count()) === 0) continue // not among the last three shifts
              expect(await cellText(page, selector), selector).toBe(formatPercent(locale, r.values.kpis.oee) + (r.values.kpis.effectivenessGap ? '†' : ''))
              if (r.values.kpis.effectivenessGap) expect(await page.locator(selector).getAttribute('title'), selector).toContain('† ')
              checked += 1
            }
            expect(checked).toBeGreaterThan(0)
          })
        } else expect(await page.locator('#shift-title, [data-state=not-available] h2', { hasText: locale === 'en' ? 'Per shift' : '按班次' }).count()).toBe(1)
        // Loom efficiency, where the API has the textile route: the weaving line's equals the API's.
        const textile = await pipeline.api.get(`${API_PLANT}/efficiency/textile?from=${today}&to=${today}&by=line`, await pipeline.api.tokenOf('plant_manager'))
        if (textile.status === 200) {
          const weaving = (textile.body as { rows: Row<{ loom: { efficiency: number | null } | null }>[] }).rows.find((r) => r.group.line === 'weaving')
          if (weaving?.values.loom) expect(await cellText(page, '[data-testid=textile] tr[data-line=weaving] [data-field=loom]')).toBe(formatPercent(locale, weaving.values.loom.efficiency))
        }
        await page.waitForSelector('[data-testid=oee-trend][data-rendered=yes]')
        await screenshot(page, shot)
      })
    })

  it.each([['en', 'plant-process-en'], ['zh-CN', 'plant-process-zh']] as const)('plant manager (%s): the hall climate panel shows the hall sensor\'s humidity and temperature as the API has them (issue 16)', async (locale, shot) => {
    await withDashboard({ role: 'plant_manager', locale }, async ({ page }) => {
      await page.goto(`${pipeline.api.base}${PLANT}`)
      const today = localDate(Date.now(), TZ)
      await eventually(async () => {
        await page.reload()
        await page.waitForSelector('[data-testid=process-table] tbody tr')
        const api = await apiJson<{ rows: Row<{ mean: number; min: number; max: number; out_of_range: number }>[] }>(`${API_PLANT}/process/series?from=${today}&to=${today}&points=288&device=hall-sensor-01`)
        for (const gauge of ['humidity', 'temperature']) {
          const rows = api.rows.filter((r) => r.group.gauge === gauge)
          // Just after the plant's midnight "today" holds a few 5-minute buckets only (a run at
          // 00:43 in Shanghai had 6): any is enough to compare the panel with the API.
          expect(rows.length, gauge).toBeGreaterThan(0)
          const row = `[data-testid=process-table] tr[data-device=hall-sensor-01][data-gauge=${gauge}]`
          expect(await cellText(page, `${row} [data-field=last]`)).toBe(`${formatNumber(locale, rows.at(-1)?.values.mean ?? 0, 1)} ${rows[0]?.group.unit}`)
          expect(await cellText(page, `${row} [data-field=out-of-range]`)).toBe(String(rows.reduce((n, r) => n + r.values.out_of_range, 0)))
        }
      })
      await page.waitForSelector('[data-testid=process-chart][data-rendered=yes]')
      expect(await page.locator('#process-title').innerText()).toBe(locale === 'en' ? 'Hall climate, today' : '今日车间温湿度')
      await page.locator('#process-title').scrollIntoViewIfNeeded()
      await screenshot(page, shot)
    })
  })

  it('machine page, reached by keyboard: state now, state time by day and its stops', async () => {
    await withDashboard({ role: 'plant_manager', locale: 'zh-CN' }, async ({ page }) => {
      await page.goto(`${pipeline.api.base}${PLANT}`)
      await page.waitForSelector('.tile[data-machine="loom-01"]')
      const focused = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-machine') ?? null)
      for (let i = 0; i < 30 && (await focused()) !== 'loom-01'; i++) await page.keyboard.press('Tab')
      expect(await focused()).toBe('loom-01')
      await page.keyboard.press('Enter')
      await page.waitForURL(/machines\/weaving\/loom-01/)
      await expect.poll(() => page.locator('[data-testid=machine-state]').getAttribute('data-state'), { timeout: 30_000 }).not.toBe('no_data')
      await page.waitForSelector('.chart[data-rendered=yes]')
      await screenshot(page, 'machine-zh-desktop')
    })
  })

  it('energy officer: coal both ways, CO2 and energy by line equal the API; a month renders in under 2 s', async () => {
    for (const [locale, viewport, shot] of [['zh-CN', DESKTOP, 'energy-zh-desktop'], ['en', DESKTOP, 'energy-en-desktop'], ['en', TABLET, 'energy-en-tablet']] as const) {
      await withDashboard({ role: 'energy_officer', locale, viewport }, async ({ page }) => {
        const today = localDate(Date.now(), TZ)
        const from = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10)
        await eventually(async () => {
          await page.goto(`${pipeline.api.base}${PLANT}/energy?days=7`)
          await page.waitForSelector('[data-testid=coal] [data-field=co2Kg]')
          const summary = await apiJson<{ rows: Row<Record<string, number>>[] }>(`${API_PLANT}/energy/summary?from=${from}&to=${today}`, 'energy_officer')
          const v = summary.rows[0]?.values ?? {}
          expect(v.coalEquivalentKgce).toBeGreaterThan(0)
          for (const f of ['coalEquivalentKgce', 'coalEqualKgce', 'co2Kg']) expect(await cellText(page, `[data-testid=coal] [data-field=${f}]`)).toContain(formatNumber(locale, (v[f] ?? 0) / 1000, 2))
          const lines = await apiJson<{ rows: Row<Record<string, { total: number }>>[] }>(`${API_PLANT}/energy/machines?from=${from}&to=${today}&by=line`, 'energy_officer')
          expect(lines.rows.length).toBeGreaterThan(0)
          for (const r of lines.rows) for (const [medium, e] of Object.entries(r.values)) {
            expect(await cellText(page, `[data-testid=energy-by-line] tr[data-line="${r.group.line}"][data-medium=${medium}] [data-field=total]`)).toBe(formatNumber(locale, e.total, 1))
          }
          // Beside each medium's incomers − sub-meters, the lines its sub-meters cover (the test
          // plant's sewing line has an electricity sub-meter; nothing else has one).
          const registry = await apiJson<{ lines: { id: string; name: string }[]; meters: { line: string; scope: string; medium: string }[] }>(API_PLANT, 'energy_officer')
          const subMetered = (medium: string) => [...new Set(registry.meters.filter((m) => m.scope === 'line' && m.medium === medium).map((m) => registry.lines.find((l) => l.id === m.line)?.name))]
          expect(subMetered('electricity').length).toBeGreaterThan(0)
          const media = Object.keys((await apiJson<{ rows: Row<{ incomers: Record<string, number> }>[] }>(`${API_PLANT}/energy/summary?from=${from}&to=${today}`, 'energy_officer')).rows[0]?.values.incomers ?? {})
          expect(media).toContain('electricity')
          for (const medium of media) {
            const expected = subMetered(medium).join(', ') || { en: 'none', 'zh-CN': '无' }[locale]
            expect(await cellText(page, `[data-testid=meters] tr[data-medium=${medium}] [data-field=subMeteredLines]`)).toBe(expected)
          }
          expect(await cellText(page, '[data-testid=unmetered-what]')).toContain(locale === 'en' ? 'not all loss' : '并非全部是损耗')
        })
        await page.waitForSelector('[data-testid=energy-chart] [data-rendered=yes], [data-testid=energy-chart][data-rendered=yes]')
        await screenshot(page, shot)
      })
    }
    await withDashboard({ role: 'energy_officer', locale: 'zh-CN' }, async ({ page }) => {
      // The median of three loads: one load on two cores shared with other suites can stall on the
      // scheduler; three show what a person would see. Each is logged with the calls it made.
      const times: number[] = []
      for (let i = 0; i < 3; i++) {
        const started = Date.now()
        await page.goto(`${pipeline.api.base}${PLANT}/energy?days=30`)
        await page.waitForSelector('[data-testid=energy-chart][data-rendered=yes]')
        await page.waitForSelector('[data-testid=energy-by-line] tbody tr')
        times.push(Date.now() - started)
        const calls = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/')).map((e) => `${Math.round(e.startTime)}+${Math.round(e.duration)} ms ${e.name.replace(/^https?:\/\/[^/]+/, '')}`))
        console.log(`energy view, 30 days: rendered in ${times.at(-1)} ms\n${calls.join('\n')}`)
      }
      const median = [...times].sort((a, b) => a - b)[1] ?? Infinity
      expect(median).toBeLessThan(2_000)
      await screenshot(page, 'energy-month-zh-desktop')
    })
  })

  it('platform: the plants firms share, whether they report, their shared energy; no per-machine page', async () => {
    await withDashboard({ role: 'platform', locale: 'zh-CN' }, async ({ page }) => {
      await page.waitForURL(/\/platform/)
      await page.waitForSelector('[data-testid=platform-plants] tbody tr')
      // Of the two tenants only other-firm shares (test-firm shares nothing in the test users).
      expect(await page.locator('[data-testid=platform-plants] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-plant')))).toEqual(['other-firm/other-test-plant'])
      const ranking = await pipeline.api.get('/v1/platform/ranking?from=2026-01-01&to=2026-01-02', await pipeline.api.tokenOf('platform'))
      if (ranking.status === 404) await expect.poll(() => page.locator('[data-state=not-available]').count()).toBe(3)
      else await page.waitForSelector('#ranking-title')
      await screenshot(page, 'platform-zh-desktop')
      await page.goto(`${pipeline.api.base}/platform`)
      await page.waitForSelector('[data-testid=platform-plants] tbody tr')
    })
    await withDashboard({ role: 'platform', locale: 'en' }, async ({ page }) => {
      await page.waitForSelector('[data-testid=platform-plants] tbody tr')
      await screenshot(page, 'platform-en-desktop')
    })
  })

  it("a plant manager cannot open another plant's pages", async () => {
    // The browser logs the API's refusals (403 on other-firm's calls): those, and only those, are expected.
    await withDashboard({ role: 'plant_manager', locale: 'en', expectedProblem: /status of 403 .*\/v1\/firms\/other-firm\/plants\/other-test-plant/ }, async ({ page }) => {
      for (const path of ['/plants/other-firm/other-test-plant', '/plants/other-firm/other-test-plant/energy', '/plants/other-firm/other-test-plant/machines/weaving/loom-01']) {
        await page.goto(`${pipeline.api.base}${path}`)
        await page.waitForSelector('[data-testid=forbidden]')
        expect(await page.locator('.tile, [data-testid=oee-table], [data-testid=coal]').count()).toBe(0)
      }
      await screenshot(page, 'forbidden-en-desktop')
    })
  })

  it('updates the live grid without reloading, shows a banner when the live stream drops and clears it when the API is back', async () => {
    const d = await openDashboard(browser, { base: pipeline.api.base, locale: 'en' })
    try {
      await signIn(d.page, 'plant_manager')
      await d.page.goto(`${pipeline.api.base}${PLANT}`)
      await d.page.waitForSelector('.tile[data-machine="loom-02"]')
      await d.page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42))
      const next = (await d.page.locator('.tile[data-machine="loom-02"]').getAttribute('data-state')) === 'setup' ? 'idle' : 'setup'
      await publishAll([{ topic: `${TEST_PREFIX}/weaving/loom-02/state`, payload: JSON.stringify({ ts: Date.now(), state: next }) }], { username: TEST_PLANT_USER, connections: 1 })
      await expect.poll(() => d.page.locator('.tile[data-machine="loom-02"]').getAttribute('data-state'), { timeout: 30_000 }).toBe(next)
      expect(await d.page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42)

      // Every panel drawn first, so the screenshot of the banner shows a whole page.
      await d.page.waitForSelector('[data-testid=oee-trend][data-rendered=yes]')
      await pipeline.restartApi(async () => {
        await d.page.waitForSelector('[data-testid=live-banner]', { timeout: 15_000 })
        await screenshot(d.page, 'live-lost-en-desktop')
      })
      await d.page.waitForSelector('[data-testid=live-banner]', { state: 'detached', timeout: 30_000 })
      // Only the connection errors of the minutes the API was away (the browser logs refused fetches).
      expect(d.problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([])
    } finally {
      await d.close()
    }
  })

  it('shows a machine whose gateway reports it lost as Unknown at once, hatched like no data, never as stopped (issue 16)', async () => {
    const d = await openDashboard(browser, { base: pipeline.api.base, locale: 'en' })
    const tile = d.page.locator('.tile[data-machine="loom-02"]')
    const publish = (payload: object) => publishAll([{ topic: `${TEST_PREFIX}/weaving/loom-02/state`, payload: JSON.stringify({ ts: Date.now(), ...payload }) }], { username: TEST_PLANT_USER, connections: 1 })
    try {
      await signIn(d.page, 'plant_manager')
      await d.page.goto(`${pipeline.api.base}${PLANT}`)
      await d.page.waitForSelector('.tile[data-machine="loom-02"]')
      const before = (await tile.getAttribute('data-state')) ?? 'running'
      await publish({ state: 'unknown', reason: 'plc_lost' })
      await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('unknown')
      expect(await tile.locator('.st').innerText()).toBe('Unknown · plc_lost')
      expect(await tile.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderStyle: string } }).getComputedStyle(el).borderStyle)).toBe('dashed')
      await expect.poll(() => d.page.locator('.legend .chip.s-unknown').innerText()).toBe('Unknown')
      await d.page.waitForSelector('[data-testid=oee-trend][data-rendered=yes]')
      await screenshot(d.page, 'live-unknown-en-desktop')
      await publish({ state: before === 'unknown' || before === 'no_data' ? 'running' : before })
      await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).not.toBe('unknown')
    } finally {
      await d.close()
    }
  })
})

describeLaterPanels({ apiJson, eventually, withDashboard, cellText }, () => pipeline)
