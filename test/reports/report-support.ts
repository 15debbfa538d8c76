import { execFileSync } from 'node:child_process'
import { createReports, reportsConfigSchema, type Reports } from '@millstream/reports'
import pino from 'pino'
import ExcelJS from 'exceljs'
import type { TestApi } from '../api/api-support.ts'

/** The reports service in-process against a test API, with an admin-role key of its own (no schedules). */
export async function startTestReports(t: TestApi, dir: string): Promise<Reports> {
  const { key } = t.users.createApiKey({ label: 'reports', role: 'admin', firms: [], plants: [], scopes: ['registry', 'telemetry', 'energy', 'energy_totals'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
  const config = reportsConfigSchema.parse({ REPORTS_API_URL: t.base, REPORTS_API_KEY: key, REPORTS_DIR: dir, HTTP_PORT: '0', LOG_LEVEL: 'silent' })
  const reports = createReports({ config, logger: pino({ level: 'silent' }), schedule: false, catchUp: false })
  await reports.start()
  return reports
}

/** The text of a PDF as poppler's pdftotext reads it, in layout mode so that a table row stays on one line. */
export const pdfText = (path: string, onlyPage?: number) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...(onlyPage ? ['-f', String(onlyPage), '-l', String(onlyPage)] : []), path, '-'], { encoding: 'utf8' })
/** pdftotext joins words of a cell with single spaces and may break lines inside a table: normalise. */
export const flat = (text: string) => text.replace(/\s+/g, ' ')

/** Every sheet of a workbook as rows of plain values. */
export async function xlsxSheets(path: string): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  const out = new Map<string, unknown[][]>()
  book.eachSheet((ws) => {
    const rows: unknown[][] = []
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    out.set(ws.name, rows)
  })
  return out
}
