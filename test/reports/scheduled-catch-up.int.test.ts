import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReports, reportsConfigSchema, type Reports } from '@millstream/reports'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { writePoints } from '../store/store-support.ts'
import { MONTH_REGISTRY, monthPoints } from './scripted-month.ts'

/*
 * The scheduled path with an injected clock: started at 03:00 on 1 March (Shanghai), after the
 * settle delay, the service writes what closed in the look-back (the last two days, the shifts that
 * ended 30 min before, and February's monthly reports) for every plant its key sees, and a second
 * run writes nothing more.
 */
const NOW = Date.parse('2026-03-01T03:00:00+08:00')
let bucket: string
let t: TestApi
let reports: Reports
let dir: string

beforeAll(async () => {
  bucket = await createTestBucket('reports-cron')
  await writePoints(bucket, monthPoints().filter((p) => p.timeMs >= Date.parse('2026-02-27T00:00:00+08:00')))
  dir = mkdtempSync(join(tmpdir(), 'millstream-reports-'))
  t = await startTestApi({ bucket, registry: MONTH_REGISTRY, env: { API_REPORTS_DIR: dir } })
  const { key } = t.users.createApiKey({ label: 'reports', role: 'energy_officer', firms: ['fm'], plants: [], scopes: ['registry', 'telemetry', 'energy', 'energy_totals'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
  const config = reportsConfigSchema.parse({ REPORTS_API_URL: t.base, REPORTS_API_KEY: key, REPORTS_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent', REPORTS_CATCH_UP: '2d' })
  reports = createReports({ config, logger: pino({ level: 'silent' }), now: () => NOW, schedule: false })
  await reports.start()
  await reports.jobs.idle()
}, 600_000) // 15 reports (6 of them shifts), each two PDFs printed by Chromium, on a shared 2-core machine
afterAll(async () => {
  await reports?.stop()
  await t?.stop()
  if (bucket) await deleteTestBucket(bucket)
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('scheduled reports', () => {
  it('catch up at start: the closed days of the look-back and the month that closed, for each plant the key sees', () => {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { reports: { kind: string; plant: string; period: string }[] }
    expect(index.reports.map((r) => `${r.plant} ${r.kind} ${r.period}`).sort()).toEqual([
      '_firm energy-monthly-firm 2026-02',
      'full daily-summary 2026-02-27', 'full daily-summary 2026-02-28', 'full energy-monthly 2026-02', 'full online-monitoring 2026-02',
      'full shift 2026-02-27-a', 'full shift 2026-02-27-b', 'full shift 2026-02-28-a',
      'gappy daily-summary 2026-02-27', 'gappy daily-summary 2026-02-28', 'gappy energy-monthly 2026-02', 'gappy online-monitoring 2026-02',
      'gappy shift 2026-02-27-a', 'gappy shift 2026-02-27-b', 'gappy shift 2026-02-28-a',
    ])
  })

  it('write nothing more on the next run, and count what they wrote', async () => {
    expect(await reports.jobs.trigger()).toBe(0)
    const text = await (await fetch(`http://127.0.0.1:${reports.opsPort}/metrics`)).text()
    expect(text).toMatch(/millstream_reports_generated_total\{kind="daily-summary",outcome="ok"\} 4/)
    expect(text).toMatch(/millstream_reports_generated_total\{kind="energy-monthly",outcome="ok"\} 2/)
    expect(text).toMatch(/millstream_reports_generated_total\{kind="shift",outcome="ok"\} 6/)
  })
})
