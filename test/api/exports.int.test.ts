import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { plantPoints } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { startTestApi, type TestApi } from './api-support.ts'

const PATH = '/v1/firms/test-firm/plants/test-plant'
const Q = 'from=2025-06-02&to=2025-06-02&by=line'
const TABLES = ['efficiency', 'stops', 'state-time', 'energy/machines', 'energy/meters', 'energy/totals', 'data-quality']

let t: TestApi
let bucket = ''
beforeAll(async () => {
  bucket = await createTestBucket('api-export')
  await writePoints(bucket, plantPoints({ firm: 'test-firm', plant: 'test-plant', timeZone: 'Asia/Shanghai', fromMs: Date.parse('2025-06-02T00:00:00+08:00'), minutes: 6 * 60, seed: 5 }))
  t = await startTestApi({ bucket })
}, 180_000)
afterAll(async () => {
  await t?.stop()
  await deleteTestBucket(bucket)
})

const rowsOf = (json: { rows: { group: Record<string, string>; values: Record<string, unknown> }[] }) => json.rows

describe('CSV and XLSX exports', () => {
  it.each(TABLES)('%s: CSV and XLSX carry the JSON numbers, with units in the header', async (table) => {
    const token = await t.tokenOf('energy_officer')
    // Plant-level tables take no `by`.
    const q = ['energy/totals', 'energy/meters', 'data-quality'].includes(table) ? 'from=2025-06-02&to=2025-06-02' : Q
    const json = (await t.get(`${PATH}/${table}?${q}`, token)).body as { rows: { group: Record<string, string>; values: Record<string, unknown> }[] }
    const csvRes = await fetch(`${t.base}${PATH}/${table}?${q}&format=csv`, { headers: { authorization: `Bearer ${token}` } })
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/)
    const [header, ...lines] = (await csvRes.text()).trim().split('\r\n').map((l) => l.split(','))
    expect(lines).toHaveLength(rowsOf(json).length)
    const xlsxRes = await fetch(`${t.base}${PATH}/${table}?${q}&format=xlsx`, { headers: { authorization: `Bearer ${token}` } })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(sheet?.rowCount).toBe(rowsOf(json).length + 1)
    // A numeric column checked cell by cell in both formats against the JSON.
    const col = header?.findIndex((h) => /\[(kWh|s|ms|samples|ratio 0\.\.1|stops)\]$/.test(h)) ?? -1
    expect(col, `numeric column in ${header?.join(',')}`).toBeGreaterThanOrEqual(0)
    const path = (header?.[col] ?? '').replace(/ \[.*\]$/, '').split('.')
    rowsOf(json).forEach((row, i) => {
      const expected = path.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], row.values)
      expect(Number(lines[i]?.[col])).toBe(expected)
      expect(sheet?.getRow(i + 2).getCell(col + 1).value).toBe(expected)
    })
  })
})
