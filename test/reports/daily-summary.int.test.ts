import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatNumber, generateRange, generateReport, type Reports } from '@millstream/reports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { writePoints } from '../store/store-support.ts'
import { flat, pdfText, startTestReports } from './report-support.ts'
import { MONTH_REGISTRY, monthPoints } from './scripted-month.ts'

/* The plant manager's daily summary of one scripted day: OEE parts per line and per shift, output, stops by reason and the worst machines are the API's. */
const DAY = '2026-02-14'
let bucket: string
let t: TestApi
let reports: Reports
let dir: string
let admin: string
const P = '/v1/firms/fm/plants/full'
const pct = (x: number) => `${formatNumber(x * 100, 1)} %`

beforeAll(async () => {
  bucket = await createTestBucket('reports-day')
  await writePoints(bucket, monthPoints().filter((p) => p.timeMs >= Date.parse('2026-02-14T00:00:00+08:00') && p.timeMs < Date.parse('2026-02-15T00:00:00+08:00')))
  dir = process.env.MILLSTREAM_REPORTS_SAMPLE_DIR ?? mkdtempSync(join(tmpdir(), 'millstream-reports-'))
  t = await startTestApi({ bucket, registry: MONTH_REGISTRY, env: { API_REPORTS_DIR: dir } })
  reports = await startTestReports(t, dir)
  admin = await t.tokenOf('admin')
  await generateRange(reports.deps, { from: DAY, to: DAY, plant: 'full', kinds: ['daily-summary'] })
}, 240_000)
afterAll(async () => {
  await reports?.stop()
  await t?.stop()
  if (bucket) await deleteTestBucket(bucket)
  if (dir && !process.env.MILLSTREAM_REPORTS_SAMPLE_DIR) rmSync(dir, { recursive: true, force: true })
})

type Kpis = { oee: number; availability: number; effectiveness: number; quality: number }
describe('the daily summary of a scripted day', () => {
  it('prints OEE and its parts per line and per shift, output, stops by reason and the worst machines as the API gives them', async () => {
    const text = flat(pdfText(join(dir, 'fm', 'full', 'daily-summary', DAY, 'en.pdf')))
    const line = ((await t.get(`${P}/efficiency?from=${DAY}&to=${DAY}&by=line`, admin)).body as { rows: { values: { kpis: Kpis } }[] }).rows[0]!.values.kpis
    expect(line.oee).toBeGreaterThan(0)
    expect(text).toContain(`织造车间 ${pct(line.oee)} ${pct(line.availability)} ${pct(line.effectiveness)} ${pct(line.quality)}`)
    const stops = ((await t.get(`${P}/stops?from=${DAY}&to=${DAY}`, admin)).body as { rows: { group: { reason: string }; values: { count: number; downS: number } }[] }).rows
    expect(stops.map((s) => s.group.reason)).toEqual(['warp_break', 'weft_break'])
    for (const s of stops) expect(text).toContain(`(${s.group.reason}) ${formatNumber(s.values.count, 0)} ${formatNumber(s.values.downS / 60, 1)}`)
    const machines = ((await t.get(`${P}/efficiency?from=${DAY}&to=${DAY}&by=machine`, admin)).body as { rows: { group: { machine: string }; values: { kpis: Kpis } }[] }).rows
    const worst = [...machines].sort((a, b) => a.values.kpis.oee - b.values.kpis.oee)[0]!
    expect(worst.group.machine).toBe('m2')
    expect(text.slice(text.indexOf('3. Machines with the lowest OEE'))).toMatch(new RegExp(`^[^]*?m2 织造车间 ${pct(worst.values.kpis.oee)}`))
    // The parts of shifts within the day: the night shift of the 13th until 08:00, A, and B until midnight.
    const shifts = ((await t.get(`${P}/efficiency?from=${DAY}&to=${DAY}&granularity=shift`, admin)).body as { rows: { group: { date: string; shift: string }; values: { kpis: Kpis } }[] }).rows
    expect(shifts.map((s) => `${s.group.date} ${s.group.shift}`)).toEqual(['2026-02-13 b', `${DAY} a`, `${DAY} b`])
    const labels = ['B (2026-02-13) 00:00–08:00', 'A 08:00–20:00', 'B 20:00–00:00']
    shifts.forEach((s, i) => expect(text).toContain(`${labels[i]} ${pct(s.values.kpis.oee)} ${pct(s.values.kpis.availability)} ${pct(s.values.kpis.effectiveness)} ${pct(s.values.kpis.quality)}`))
    const output = ((await t.get(`${P}/production?from=${DAY}&to=${DAY}&by=line`, admin)).body as { rows: { group: { line: string }; values: { producedQty: number } }[] }).rows
    expect(output[0]!.values.producedQty).toBeGreaterThan(0)
    expect(text).toContain(`6. Output by line Line Unit Produced 织造车间 picks ${formatNumber(output[0]!.values.producedQty, 0)}`)
  })

  it('says on the first page that a period not yet ended is partial', async () => {
    const noon = Date.parse('2026-02-14T12:00:00+08:00')
    const firm = { id: 'fm', name: '示范纺织有限公司', plants: [] }
    await generateReport({ ...reports.deps, now: () => noon }, { kind: 'daily-summary', firm, plant: { id: 'full', name: '一厂', timeZone: 'Asia/Shanghai' }, period: { id: DAY, from: DAY, to: DAY } })
    expect(flat(pdfText(join(dir, 'fm', 'full', 'daily-summary', DAY, 'en.pdf'), 1))).toContain('The period had not ended when this report was generated (2026-02-14T04:00:00.000Z): its figures are partial.')
    await generateRange(reports.deps, { from: DAY, to: DAY, plant: 'full', kinds: ['daily-summary'] })
    expect(flat(pdfText(join(dir, 'fm', 'full', 'daily-summary', DAY, 'en.pdf'), 1))).not.toContain('had not ended')
  })
})
