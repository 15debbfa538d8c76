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
const sumOf = <T extends Record<K, number>, K extends string>(xs: T[], k: K) => xs.reduce((s, x) => s + x[k], 0)

beforeAll(async () => {
  bucket = await createTestBucket('reports')
  await writePoints(bucket, monthPoints())
  dir = process.env.MILLSTREAM_REPORTS_SAMPLE_DIR ?? mkdtempSync(join(tmpdir(), 'millstream-reports-'))
  t = await startTestApi({ bucket, registry: MONTH_REGISTRY, env: { API_REPORTS_DIR: dir } })
  reports = await startTestReports(t, dir)
  admin = await t.tokenOf('admin')
  // Firm `closed` shares nothing with the platform: it must never be in a benchmark group.
  t.users.setSharing('closed', [])
  // Firm fm's plants only: the peers of the benchmark get no reports here.
  await generateRange(reports.deps, { from: MONTH.from, to: MONTH.to, plant: 'fm', kinds: ['energy-monthly', 'online-monitoring', 'energy-monthly-firm'] })
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

  it('says why a figure is missing instead of printing a number', () => {
    const text = flat(pdfText(file('gappy', 'en.pdf')))
    expect(text).toMatch(/6\. EnPI and savings against the baseline Not available: baseline not fitted/)
    expect(text).toContain('7. Peak, flat and valley energy and cost Not available: the plant has no tariff in the registry.')
    expect(text).toContain('8. What idle and off-shift electricity cost Not available: the plant has no tariff in the registry.')
    // The zh-CN report gives the API's reasons in Chinese (services/reports/src/api-reasons.ts), not in English.
    const zh = flat(pdfText(file('gappy', 'zh-CN.pdf')))
    expect(zh).toContain('暂无：基准期有效天数不足')
    expect(zh).toContain('暂无：设备台账中该厂未配置电价。')
    expect(zh).not.toMatch(/baseline not fitted|no tariff|no quota benchmark/)
  })

  it('prints each line’s energy per unit of output and its quota reason as energy/specific gives them', async () => {
    const rows = (await api<{ rows: { group: { line: string }; values: { outputKind: string; outputQty: number; kgceEquivalent: number; sec: { value: number; basis: string }; reason: string | null } }[] }>(`${P('full')}/energy/specific?${q}`)).rows
    const weave = rows.find((r) => r.group.line === 'weave')!.values
    expect(weave.sec.value).toBeGreaterThan(0)
    const text = flat(pdfText(file('full', 'en.pdf')))
    expect(text).toContain(`织造车间 ${formatNumber(weave.outputQty, 0)} pick ${n2(weave.kgceEquivalent)} ${formatNumber(weave.sec.value, 3)} ${weave.sec.basis}`)
    // The looms inspect every pick: the output is the good count, and the report says so (the shift report prints both).
    expect(weave.outputKind).toBe('good')
    expect(text).toContain('Output is the good count (织造车间): energy per unit is per good unit.')
    if (weave.reason) expect(text).toContain(`织造车间: ${weave.reason}`)
    const sheet = (await xlsxSheets(file('full', 'en.xlsx'))).get('sec-quota')!
    expect(sheet.find((r) => r[0] === '织造车间')?.slice(1, 5)).toEqual([weave.outputQty, 'pick', weave.kgceEquivalent, weave.sec.value])
  })

  it('prints the API’s EnPI per day and the month’s savings as the sum of its days', async () => {
    type Perf = { expectedEnergy: number; actualEnergy: number; improvement: number; index: number }
    const days = (await api<{ rows: { values: { performance: Perf | null } }[] }>(`${P('full')}/energy/enpi?${q}`)).rows
    expect(days).toHaveLength(28)
    const perf = days.map((d) => d.values.performance!)
    const savings = perf.reduce((s, p) => s + p.improvement, 0)
    expect(savings).toBeGreaterThan(0) // February draws 3 % less than the baseline for the same output
    const text = flat(pdfText(file('full', 'en.pdf')))
    expect(text).toContain(`2026-02-14 `)
    expect(text).toContain(`${n2(perf[13]!.actualEnergy)} ${n2(perf[13]!.expectedEnergy)} ${n2(perf[13]!.improvement)} ${formatNumber(perf[13]!.index, 3)}`)
    expect(text).toContain(`Total — ${n2(perf.reduce((s, p) => s + p.actualEnergy, 0))} ${n2(perf.reduce((s, p) => s + p.expectedEnergy, 0))} ${n2(savings)}`)
    const sheet = (await xlsxSheets(file('full', 'en.xlsx'))).get('enpi')!
    expect(sheet.at(-2)?.slice(2, 5)).toEqual([sumOf(perf, 'actualEnergy'), sumOf(perf, 'expectedEnergy'), sumOf(perf, 'improvement')])
  })

  it('prints what idle and off-shift electricity cost per line, priced by the API', async () => {
    type Cost = { idleKwh: number; offShiftKwh: number; idle: { totalCost: number }; offShift: { totalCost: number }; totalCost: number }
    const rows = (await api<{ rows: { group: { line: string }; values: Cost }[] }>(`${P('full')}/energy/idle-cost?${q}&by=line`)).rows
    const v = rows.find((r) => r.group.line === 'weave')!.values
    // The scripted looms idle 0.25 + 0.5 kWh every hour: 672 h × 0.75 kWh, priced 8 h valley 0.3, 8 h peak 1.1, 8 h flat 0.7 a day.
    expect(v.idleKwh).toBeCloseTo(672 * 0.75, 6)
    expect(v.idle.totalCost).toBeCloseTo(28 * 0.75 * (8 * 0.3 + 8 * 1.1 + 8 * 0.7), 6)
    const text = flat(pdfText(file('full', 'en.pdf')))
    expect(text).toContain(`织造车间 ${n2(v.idleKwh)} ${n2(v.idle.totalCost)} ${n2(v.offShiftKwh)} ${n2(v.offShift.totalCost)} ${n2(v.totalCost)}`)
    const sheet = (await xlsxSheets(file('full', 'en.xlsx'))).get('idle-cost')!
    expect(sheet.find((r) => r[0] === '织造车间')?.slice(1)).toEqual([v.idleKwh, v.idle.totalCost, v.offShiftKwh, v.offShift.totalCost, v.totalCost])
  })

  it('benchmarks against the cluster’s plants of the family anonymously, leaving out a firm that shares nothing', async () => {
    type Peer = { basis: string; sec: number; benchmark: { plants: number; percentile: number; quartiles: { p25: number; median: number; p75: number } } }
    const peers = async () => (await api<{ rows: { group: { family: string }; values: Peer }[] }>(`${P('full')}/energy/peers?${q}`)).rows[0]!
    const r = await peers()
    expect(r.group.family).toBe('woven_fabric')
    expect(r.values.benchmark.plants).toBe(5) // full, gappy, p1, p2, p3; not c1 of firm `closed`
    const b = r.values.benchmark
    const text = flat(pdfText(file('full', 'en.pdf')))
    expect(text).toContain(`woven_fabric ${r.values.basis} ${formatNumber(r.values.sec, 3)} 5 ${formatNumber(b.percentile, 1)} ${formatNumber(b.quartiles.p25, 3)} ${formatNumber(b.quartiles.median, 3)} ${formatNumber(b.quartiles.p75, 3)}`)
    // Anonymous: no other plant or firm is named in the report.
    for (const other of ['p1', 'p2', 'p3', 'c1', 'Peer', 'Firm peer']) expect(text).not.toContain(other)
    t.users.setSharing('closed', ['energy_totals'])
    expect((await peers()).values.benchmark.plants).toBe(6)
    t.users.setSharing('closed', [])
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

  it('checks the 15-minute uploads of each meter against 90 % as the API counts them, and the gappy plant fails', async () => {
    type Upload = { slotsWithData: number; slotsExpected: number; completeness: number; meetsRule: boolean }
    const uploads = async (plant: string) => (await api<{ rows: { group: { device: string; kind: string }; values: Upload }[] }>(`${P(plant)}/energy/uploads?${q}`)).rows.filter((r) => r.group.kind === 'meter')
    const path = (plant: string) => join(dir, 'fm', plant, 'online-monitoring', MONTH.id, 'en.pdf')
    const gappy = (await uploads('gappy')).find((r) => r.group.device === 'incomer')!.values
    expect(gappy).toEqual({ slotsWithData: 25 * 96, slotsExpected: 28 * 96, completeness: 25 / 28, meetsRule: false, scope: 'plant', media: 'electricity' })
    const text = flat(pdfText(path('gappy')))
    expect(text).toContain(`总进线 (incomer) Electricity ${formatNumber(gappy.slotsWithData, 0)} ${formatNumber(gappy.slotsExpected, 0)} 89.3 % FAIL`)
    expect(text).toContain('15-minute uploads: meter incomer 89.3 % ≥ 90 % FAIL')
    expect(flat(pdfText(path('gappy'), 1))).toContain('Online-monitoring quality check failed: 15-minute uploads: meter incomer')
    const full = flat(pdfText(path('full')))
    for (const r of await uploads('full')) {
      expect(r.values.meetsRule).toBe(true)
      expect(full).toMatch(new RegExp(`\\(${r.group.device}\\) \\S+ ${formatNumber(r.values.slotsWithData, 0)} ${formatNumber(r.values.slotsExpected, 0)} 100\\.0 % pass`))
    }
    expect(flat(pdfText(path('full')))).toContain('15-minute uploads: meter incomer 100.0 % ≥ 90 % pass')
    const sheet = (await xlsxSheets(join(dir, 'fm', 'gappy', 'online-monitoring', MONTH.id, 'en.xlsx'))).get('uploads')!
    expect(sheet.find((r) => String(r[0]).includes('(incomer)'))?.slice(2, 5)).toEqual([gappy.slotsWithData, gappy.slotsExpected, gappy.completeness])
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
