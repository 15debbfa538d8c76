import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatNumber, generateRange, type Reports } from '@millstream/reports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { writePoints } from '../store/store-support.ts'
import { flat, pdfText, startTestReports, xlsxSheets } from './report-support.ts'
import { MONTH_REGISTRY, monthPoints } from './scripted-month.ts'

/*
 * Shift reports of one scripted day on the real servers: shift A (08:00-20:00) and the night shift
 * B (20:00-08:00 next day) of plants `full` and `gappy`; output, OEE parts per line, stops by
 * reason and the worst machines are the API's rows of that shift (granularity=shift).
 */
const DAY = '2026-02-14'
let bucket: string
let t: TestApi
let reports: Reports
let dir: string
let admin: string
const P = (plant: string) => `/v1/firms/fm/plants/${plant}`
const pct = (x: number) => `${formatNumber(x * 100, 1)} %`
const file = (plant: string, shift: string, name: string) => join(dir, 'fm', plant, 'shift', `${DAY}-${shift}`, name)
type Row<V> = { group: Record<string, string>; values: V }
const shiftRows = async <V>(path: string, shift: string) => ((await t.get(`${path}${path.includes('?') ? '&' : '?'}from=${DAY}&to=2026-02-15&granularity=shift`, admin)).body as { rows: Row<V>[] }).rows.filter((r) => r.group.date === DAY && r.group.shift === shift)

beforeAll(async () => {
  bucket = await createTestBucket('reports-shift')
  await writePoints(bucket, monthPoints().filter((p) => p.timeMs >= Date.parse('2026-02-14T00:00:00+08:00') && p.timeMs < Date.parse('2026-02-15T12:00:00+08:00')))
  dir = process.env.MILLSTREAM_REPORTS_SAMPLE_DIR ?? mkdtempSync(join(tmpdir(), 'millstream-reports-'))
  t = await startTestApi({ bucket, registry: MONTH_REGISTRY, env: { API_REPORTS_DIR: dir } })
  reports = await startTestReports(t, dir)
  admin = await t.tokenOf('admin')
  await generateRange(reports.deps, { from: DAY, to: DAY, plant: 'fm', kinds: ['shift'] })
}, 240_000)
afterAll(async () => {
  await reports?.stop()
  await t?.stop()
  if (bucket) await deleteTestBucket(bucket)
  if (dir && !process.env.MILLSTREAM_REPORTS_SAMPLE_DIR) rmSync(dir, { recursive: true, force: true })
})

type Kpis = { oee: number; availability: number; effectiveness: number; quality: number }
describe('shift reports of a scripted day', () => {
  it.each(['a', 'b'])('print shift %s’s output, OEE parts per line, stops by reason and the worst machine as the API gives them', async (shift) => {
    const text = flat(pdfText(file('full', shift, 'en.pdf')))
    expect(text).toContain(shift === 'a' ? 'Shift report (shift A, 08:00–20:00)' : 'Shift report (shift B, 20:00–08:00)')
    const output = await shiftRows<{ producedQty: number; goodQty: number; inspectedQty: number }>(`${P('full')}/production?by=line`, shift)
    expect(output).toHaveLength(1)
    expect(output[0]!.values.producedQty).toBeGreaterThan(0)
    expect(text).toContain(`织造车间 picks ${formatNumber(output[0]!.values.producedQty, 0)} ${formatNumber(output[0]!.values.goodQty, 0)}`)
    // A good count is printed, so no note may call it unknown.
    expect(text).not.toContain('Good "—"')
    const [line] = await shiftRows<{ kpis: Kpis }>(`${P('full')}/efficiency?by=line`, shift)
    // The printed good count and quality must both be true: all picks are inspected, quality = good / inspected.
    expect(output[0]!.values.goodQty).toBeLessThan(output[0]!.values.producedQty)
    expect(line!.values.kpis.quality).toBeCloseTo(output[0]!.values.goodQty / output[0]!.values.inspectedQty, 6)
    expect(text).toContain(`织造车间 ${pct(line!.values.kpis.oee)} ${pct(line!.values.kpis.availability)} ${pct(line!.values.kpis.effectiveness)} ${pct(line!.values.kpis.quality)}`)
    const stops = await shiftRows<{ count: number; downS: number }>(`${P('full')}/stops`, shift)
    expect(stops.map((s) => s.group.reason)).toEqual(['warp_break', 'weft_break'])
    for (const s of stops) expect(text).toContain(`(${s.group.reason}) ${formatNumber(s.values.count, 0)} ${formatNumber(s.values.downS / 60, 1)}`)
    const machines = await shiftRows<{ kpis: Kpis }>(`${P('full')}/efficiency?by=machine`, shift)
    const worst = [...machines].sort((a, b) => a.values.kpis.oee - b.values.kpis.oee)[0]!
    expect(worst.group.machine).toBe('m2')
    expect(text.slice(text.indexOf('4. Machines with the lowest OEE'))).toMatch(new RegExp(`^[^]*?m2 织造车间 ${pct(worst.values.kpis.oee)}`))
    const zh = flat(pdfText(file('full', shift, 'zh-CN.pdf')))
    expect(zh).toContain(`织造车间 纬 ${formatNumber(output[0]!.values.producedQty, 0)}`)
    const sheets = await xlsxSheets(file('full', shift, 'en.xlsx'))
    expect(sheets.get('output')?.[2]).toEqual(['织造车间', 'picks', output[0]!.values.producedQty, output[0]!.values.goodQty])
    expect(sheets.get('stops')?.slice(2).map((r) => [r[1], r[2]])).toEqual(stops.map((s) => [s.values.count, s.values.downS / 60]))
  })

  it('names on the first page the machines that sent nothing in the shift', () => {
    expect(flat(pdfText(file('gappy', 'a', 'en.pdf'), 1))).toContain('Machines that sent nothing this shift (1): m2.')
    expect(flat(pdfText(file('full', 'a', 'en.pdf'), 1))).toContain('No gaps found in this period.')
  })

  it('lists the shift reports through the API with their files', async () => {
    const list = (await t.get(`${P('full')}/reports?kind=shift`, admin)).body as { period: string; files: Record<string, string> }[]
    expect(list.map((r) => r.period)).toEqual([`${DAY}-a`, `${DAY}-b`])
    const res = await fetch(`${t.base}${list[1]!.files['zh-CN.pdf']}`, { headers: { authorization: `Bearer ${admin}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
  })
})
