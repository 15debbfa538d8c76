import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatNumber, generateRange, type Reports } from '@millstream/reports'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../api/api-support.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { writePoints } from '../store/store-support.ts'
import { flat, pdfText, startTestReports, xlsxSheets } from './report-support.ts'
import { MONTH, MONTH_REGISTRY, monthPoints } from './scripted-month.ts'

/*
 * The monthly energy report of a scripted month on the real servers: its PDFs (both languages)
 * and XLSX, read back, carry the API's own numbers for the same period; a plant with gaps gets a
 * report that names them; regenerating changes nothing; the API lists and serves the files by tenancy.
 */
let bucket: string
let t: TestApi
let reports: Reports
let dir: string
let admin: string
const P = (plant: string) => `/v1/firms/fm/plants/${plant}`
const q = `from=${MONTH.from}&to=${MONTH.to}`
const file = (plant: string, name: string) => join(dir, 'fm', plant, 'energy-monthly', MONTH.id, name)
const api = async <T>(path: string) => (await t.get(path, admin)).body as T
const n2 = (x: number) => formatNumber(x, 2)

beforeAll(async () => {
  bucket = await createTestBucket('reports')
  await writePoints(bucket, monthPoints())
  dir = process.env.MILLSTREAM_REPORTS_SAMPLE_DIR ?? mkdtempSync(join(tmpdir(), 'millstream-reports-'))
  t = await startTestApi({ bucket, registry: MONTH_REGISTRY, env: { API_REPORTS_DIR: dir } })
  reports = await startTestReports(t, dir)
  admin = await t.tokenOf('admin')
  await generateRange(reports.deps, { from: MONTH.from, to: MONTH.to, kinds: ['energy-monthly', 'online-monitoring', 'energy-monthly-firm'] })
}, 240_000)
afterAll(async () => {
  await reports?.stop()
  await t?.stop()
  if (bucket) await deleteTestBucket(bucket)
  if (dir && !process.env.MILLSTREAM_REPORTS_SAMPLE_DIR) rmSync(dir, { recursive: true, force: true })
})

type Summary = { rows: { from: string; values: { incomers: Record<string, number>; subMeters: Record<string, number>; incomersMinusSubMeters: Record<string, number>; coalEquivalentKgce: number; coalEqualKgce: number; co2Kg: number } }[] }
type MachineRows = { rows: { group: Record<string, string>; values: { electricity: { total: number; idle: number; offShift: number } } }[] }

describe('the monthly energy report of a scripted month', () => {
  it('prints the API’s energy by medium, standard coal (当量值, 等价值) and CO2 in both PDFs and the XLSX', async () => {
    const v = (await api<Summary>(`${P('full')}/energy/summary?${q}`)).rows[0]!.values
    expect(v.incomers.electricity).toBeGreaterThan(0)
    const figures = [v.incomers.electricity!, v.subMeters.electricity!, v.incomersMinusSubMeters.electricity!, v.incomers.steam!, v.coalEquivalentKgce, v.coalEqualKgce, v.co2Kg]
    for (const lang of ['en', 'zh-CN']) {
      const text = flat(pdfText(file('full', `${lang}.pdf`)))
      for (const x of figures) expect(text, `${lang} ${x}`).toContain(n2(x))
    }
    expect(flat(pdfText(file('full', 'zh-CN.pdf')))).toMatch(/综合能耗（当量值）.*综合能耗（等价值）/)
    const sheets = await xlsxSheets(file('full', 'en.xlsx'))
    expect(sheets.get('coal-co2')?.slice(2, 5).map((r) => r[2])).toEqual([v.coalEquivalentKgce, v.coalEqualKgce, v.co2Kg])
    expect(sheets.get('by-medium')?.find((r) => r[0] === 'Electricity')?.slice(2)).toEqual([v.incomers.electricity, v.subMeters.electricity, v.incomersMinusSubMeters.electricity])
    // Steam has no line sub-meter: the API's difference (the whole incomer) is not printed as a loss.
    const steam = sheets.get('by-medium')?.find((r) => r[0] === 'Steam') ?? []
    expect([steam[2], steam[3] ?? null, steam[4] ?? null]).toEqual([v.incomers.steam, null, null])
  })

  it('prints each line’s machine energy, idle and off-shift, and the largest consumers, as the API gives them', async () => {
    const byLine = await api<MachineRows>(`${P('full')}/energy/machines?${q}&by=line`)
    const byMachine = await api<MachineRows>(`${P('full')}/energy/machines?${q}&by=machine`)
    const text = flat(pdfText(file('full', 'en.pdf')))
    for (const r of [...byLine.rows, ...byMachine.rows]) for (const x of [r.values.electricity.total, r.values.electricity.idle]) expect(text).toContain(n2(x))
    const largest = [...byMachine.rows].sort((a, b) => b.values.electricity.total - a.values.electricity.total)
    const section = text.slice(text.indexOf('4. Largest consumers'))
    const [first, second] = largest.map((r) => section.indexOf(n2(r.values.electricity.total)))
    expect(first).toBeGreaterThan(-1)
    expect(second).toBeGreaterThan(first!)
  })

  it('prints the API’s peak, flat and valley electricity and cost', async () => {
    const v = ((await api<{ rows: { values: { kwh: number; kwhByBand: Record<string, number>; costByBand: Record<string, number>; totalCost: number } }[] }>(`${P('full')}/energy/tariff?${q}`)).rows[0]!.values)
    expect(v.totalCost).toBeGreaterThan(0)
    const text = flat(pdfText(file('full', 'en.pdf')))
    for (const [band, label] of [['peak', 'Peak'], ['flat', 'Flat'], ['valley', 'Valley']] as const) expect(text).toContain(`${label} ${n2(v.kwhByBand[band]!)} ${n2(v.costByBand[band]!)}`)
    expect(text).toContain(`Total ${n2(v.kwh)} ${n2(v.totalCost)}`)
  })

  it('says which figures the API does not serve yet instead of printing a number', () => {
    const text = flat(pdfText(file('gappy', 'en.pdf')))
    for (const what of ['energy per unit of output', 'EnPI', 'the plant has no tariff in the registry', 'percentiles by product family']) expect(text).toMatch(new RegExp(`Not available: [^.]*${what}`))
    expect(flat(pdfText(file('full', 'zh-CN.pdf')))).toContain('暂无')
  })

  it('gives a plant with gaps a report that names them on the first page, and a complete plant none', () => {
    const first = (plant: string) => flat(pdfText(file(plant, 'en.pdf'), 1))
    expect(first('gappy')).toContain('Meter 总进线 (incomer) has no data on 3 of 28 days: 2026-02-10..2026-02-12')
    expect(first('gappy')).toContain('Devices that sent nothing this period (1): m2.')
    expect(first('gappy')).toContain('the difference is not a loss figure')
    expect(first('full')).not.toContain('has no data on')
    expect(first('full')).toContain('Meter or counter discontinuities excluded this period: 1 (see Data completeness)')
    expect(flat(pdfText(file('gappy', 'zh-CN.pdf')))).toContain('有 3 天无数据：2026-02-10..2026-02-12')
  })

  it('regenerates the same report: one index entry per report, the same document', async () => {
    const before = readFileSync(file('full', 'report.json'), 'utf8')
    await generateRange(reports.deps, { from: '2026-02-14', to: '2026-02-14', plant: 'fm/full', kinds: ['energy-monthly'] })
    expect(readFileSync(file('full', 'report.json'), 'utf8')).toBe(before)
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { reports: { kind: string; plant: string; period: string }[] }
    expect(index.reports.filter((r) => r.kind === 'energy-monthly').map((r) => `${r.plant} ${r.period}`)).toEqual(['full 2026-02', 'gappy 2026-02'])
    expect(index.reports).toHaveLength(new Set(index.reports.map((r) => `${r.kind} ${r.plant} ${r.period}`)).size)
  })

  it('lists and serves the report files through the API, and refuses another tenant', async () => {
    const list = (await t.get(`${P('full')}/reports?kind=energy-monthly`, admin)).body as { period: string; files: Record<string, string> }[]
    expect(list.map((r) => r.period)).toEqual([MONTH.id])
    const res = await fetch(`${t.base}${list[0]!.files['en.pdf']}`, { headers: { authorization: `Bearer ${admin}` } })
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file('full', 'en.pdf')))).toBe(true)
    const manager = await t.tokenOf('plant_manager') // of test-firm/test-plant
    expect((await t.get(`${P('full')}/reports`, manager)).status).toBe(403)
    expect((await t.get(`${P('full')}/reports/energy-monthly/${MONTH.id}/en.pdf`, manager)).status).toBe(403)
    expect((await t.get(`${P('full')}/reports/energy-monthly/${MONTH.id}/..%2Findex.json`, admin)).status).toBe(400)
  })

  it('exports the GB/T 37947 indicators: daily and monthly consumption as the API gives them, and its quality checks', async () => {
    const days = (await api<Summary>(`${P('full')}/energy/summary?${q}&granularity=day`)).rows
    expect(days).toHaveLength(28)
    const path = (plant: string) => join(dir, 'fm', plant, 'online-monitoring', MONTH.id, 'en.pdf')
    const text = flat(pdfText(path('full')))
    const feb14 = days.find((d) => d.from === '2026-02-13T16:00:00.000Z')!.values
    expect(text).toContain(`2026-02-14 ${n2(feb14.incomers.electricity!)} ${n2(feb14.incomers.steam!)} ${n2(feb14.coalEquivalentKgce)}`)
    expect(text).toContain('Days with incomer data: Electricity 100.0 % ≥ 90 % pass')
    expect(text).toMatch(/Daily sum vs monthly: Electricity 0\.0 % ≤ 5 % pass/)
    const gappy = flat(pdfText(path('gappy')))
    expect(gappy).toContain('Days with incomer data: Electricity 89.3 % ≥ 90 % FAIL')
    expect(gappy).toContain('Days with incomer data: Steam 100.0 % ≥ 90 % pass')
    expect(gappy).toMatch(/2026-02-11 — \d/)
    expect(flat(pdfText(path('gappy'), 1))).toContain('Online-monitoring quality check failed: Days with incomer data: Electricity')
  })

  it('sums the plants into the firm’s report, each plant as the API gives it, and serves it to the firm only', async () => {
    const text = flat(pdfText(join(dir, 'fm', '_firm', 'energy-monthly-firm', MONTH.id, 'en.pdf')))
    const plants = await Promise.all(['full', 'gappy'].map(async (p) => (await api<Summary>(`${P(p)}/energy/summary?${q}`)).rows[0]!.values))
    for (const [i, v] of plants.entries()) expect(text).toContain(`(${['full', 'gappy'][i]}) ${n2(v.incomers.electricity!)} ${n2(v.incomers.steam!)} ${n2(v.coalEquivalentKgce)}`)
    expect(flat(pdfText(join(dir, 'fm', '_firm', 'energy-monthly-firm', MONTH.id, 'en.pdf'), 1))).toContain('二厂: Meter 总进线 (incomer) has no data on 3 of 28 days: 2026-02-10..2026-02-12')
    expect(text).toContain(`Firm total ${n2(plants[0]!.incomers.electricity! + plants[1]!.incomers.electricity!)}`)
    const list = (await t.get('/v1/firms/fm/reports', admin)).body as { kind: string; files: Record<string, string> }[]
    expect(list.map((r) => r.kind)).toEqual(['energy-monthly-firm'])
    expect((await fetch(`${t.base}${list[0]!.files['zh-CN.xlsx']}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200)
    expect((await t.get('/v1/firms/fm/reports', await t.tokenOf('energy_officer'))).status).toBe(403) // of test-firm
  })
})
