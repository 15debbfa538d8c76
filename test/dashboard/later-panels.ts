import type { ScoreRecord } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { formatNumber, localDate } from '../../services/dashboard/src/lib/format.ts'
import { screenshot } from './browser.ts'
import type { dashboardHarness } from './dashboard-harness.ts'
import type { DashboardPipeline } from './dashboard-pipeline.ts'

type Harness = ReturnType<typeof dashboardHarness>
type Row<V> = { group: Record<string, string>; from: string; values: V }
const TZ = 'Asia/Shanghai'
const today = () => localDate(Date.now(), TZ)
const daysBack = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10)
const dash = (locale: string, v: number | null | undefined, digits: number) => (v === null || v === undefined ? '—' : formatNumber(locale, v, digits))

/**
 * The panels of issue 14, on the dashboard suite's pipeline: energy per unit of output against quota
 * grades and EnPI (energy view), a plant's scores (history, components, evidence, diagnosis) for
 * the firm and for the platform, and the reports page. Numbers on screen are the API's JSON, formatted.
 */
export function describeLaterPanels(h: Harness, pipeline: () => DashboardPipeline): void {
  describe('panels added in issue 14', () => {
    it.each(['zh-CN', 'en'] as const)('energy officer (%s): energy per unit against quota grades and EnPI equal the API', async (locale) => {
      await h.withDashboard({ role: 'energy_officer', locale }, async ({ page }) => {
        const range = `from=${daysBack(6)}&to=${today()}`
        await h.eventually(async () => {
          await page.goto(`${pipeline().api.base}/plants/test-firm/test-plant/energy?days=7`)
          await page.waitForSelector('[data-testid=sec] tbody tr')
          const sec = await h.apiJson<{ rows: Row<{ unit: string | null; outputQty: number; kgceEquivalent: number }>[] }>(`/v1/firms/test-firm/plants/test-plant/energy/specific?${range}`, 'energy_officer')
          expect(sec.rows.length).toBeGreaterThan(0)
          for (const r of sec.rows) {
            const row = `[data-testid=sec] tr[data-line="${r.group.line}"]`
            expect(await h.cellText(page, `${row} [data-field=kgce]`), r.group.line).toBe(formatNumber(locale, r.values.kgceEquivalent, 1))
            if (r.values.unit) expect(await h.cellText(page, `${row} [data-field=output]`)).toContain(formatNumber(locale, r.values.outputQty, 1))
          }
          await page.waitForSelector('[data-testid=enpi] tbody tr')
          const enpi = await h.apiJson<{ rows: Row<{ energyKgce: number; outputStandardH: number; reason: string | null }>[] }>(`/v1/firms/test-firm/plants/test-plant/energy/enpi?${range}`, 'energy_officer')
          for (const r of enpi.rows) {
            const row = `[data-testid=enpi] tr[data-day="${localDate(Date.parse(r.from), TZ)}"]`
            expect(await h.cellText(page, `${row} [data-field=actual]`)).toBe(formatNumber(locale, r.values.energyKgce, 1))
            expect(await h.cellText(page, `${row} [data-field=output]`)).toBe(formatNumber(locale, r.values.outputStandardH, 1))
          }
          // Two hours of history fit no baseline: the API's reason is said in the page's language.
          if (enpi.rows.some((r) => r.values.reason)) expect(await h.cellText(page, '[data-testid=enpi-reason]')).toBe(locale === 'en' ? 'no baseline yet: too few days of history before the period' : '暂无基准：本期之前的历史天数不足')
        })
      })
    })

    it.each([['energy_officer', 'zh-CN', 'test-firm', 'test-plant'], ['platform', 'en', 'other-firm', 'other-test-plant']] as const)(
      '%s (%s): a plant\'s score, its history, components, evidence and diagnosis equal the API', async (role, locale, firm, plant) => {
        // The platform may read the scores of other-firm, which shares them, and not test-firm's: that page's refusals are expected.
        await h.withDashboard({ role, locale, expectedProblem: /status of 403 .*\/v1\/firms\/test-firm\/plants\/test-plant/ }, async ({ page }) => {
          await page.goto(`${pipeline().api.base}/plants/${firm}/${plant}/scores?period=day`)
          await page.waitForSelector('[data-testid=score-now]')
          const { record } = await h.apiJson<{ record: ScoreRecord }>(`/v1/firms/${firm}/plants/${plant}/scores/latest?from=${daysBack(29)}&to=${today()}&period=day`, role)
          expect(record).toEqual(pipeline().scores.filter((r) => r.firm === firm && r.plant === plant).at(-1))
          for (const kind of ['digitalization', 'energy'] as const) {
            expect(await h.cellText(page, `[data-testid=score-now] [data-kind=${kind}] [data-field=score]`)).toBe(dash(locale, record[kind].score, 1))
            for (const c of record[kind].components) expect(await h.cellText(page, `[data-testid=components-${kind}] tr[data-component=${c.id}] [data-field=points]`), c.id).toBe(dash(locale, c.points, 1))
            // The scorer's reasons (a gate not met, a component without data) in the page's language, not its English sentences.
            const said = (await page.locator(`[data-testid=components-${kind}]`).innerText()) + (record[kind].reasons.length ? await h.cellText(page, `[data-testid=reasons-${kind}]`) : '')
            if (locale === 'zh-CN') expect(said).not.toMatch(/needs|no product family|baseline of|mainMeterCompleteness|sub-metered/)
          }
          const e = record.miitEvidence
          expect(await h.cellText(page, '[data-testid=evidence] [data-field=evidenced]')).toBe(`${formatNumber(locale, e.evidencedPoints, 1)} / ${formatNumber(locale, e.evidencedMaxPoints, 1)}`)
          expect(await page.locator('[data-testid=diagnosis] li').count()).toBe(record.diagnosis.length)
          expect(record.diagnosis.length).toBeGreaterThan(0)
          await page.waitForSelector('[data-testid=score-history][data-rendered=yes]')
          await screenshot(page, `scores-${locale === 'en' ? 'en' : 'zh'}-desktop`)
          if (role === 'platform') {
            await page.goto(`${pipeline().api.base}/plants/test-firm/test-plant/scores?period=day`)
            await page.waitForSelector('[data-testid=forbidden]')
          }
        })
      })

    it.each(['zh-CN', 'en'] as const)('plant manager (%s): the reports page lists the API\'s reports and downloads their files', async (locale) => {
      await h.withDashboard({ role: 'plant_manager', locale }, async ({ page }) => {
        await page.goto(`${pipeline().api.base}/plants/test-firm/test-plant/reports`)
        await page.waitForSelector('[data-testid=reports] tbody tr')
        const listed = await h.apiJson<{ kind: string; period: string; warnings: number; files: Record<string, string> }[]>('/v1/firms/test-firm/plants/test-plant/reports')
        expect(listed.length).toBeGreaterThan(0)
        const shown = await page.locator('[data-testid=reports] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report')))
        expect([...shown].sort()).toEqual(listed.map((r) => `${r.kind}/${r.period}`).sort())
        const first = listed[0] as (typeof listed)[number]
        const row = page.locator(`[data-testid=reports] tr[data-report="${first.kind}/${first.period}"]`)
        expect(await row.locator('[data-field=warnings]').innerText()).toBe(String(first.warnings))
        const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-file="zh-CN.pdf"]').click()])
        expect(download.suggestedFilename()).toBe(`test-plant-${first.kind}-${first.period}-zh-CN.pdf`)
        const chunks: Buffer[] = []
        for await (const c of (await download.createReadStream())) chunks.push(c as Buffer)
        expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-')
        await screenshot(page, `reports-${locale === 'en' ? 'en' : 'zh'}-desktop`)
      })
    })
  })
}
