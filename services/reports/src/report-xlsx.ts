import ExcelJS from 'exceljs'
import { isText, textOf, type Lang, type ReportDocument } from './report-document.ts'

/**
 * The report as a workbook in `lang`: a cover sheet (plant, period, gaps) and one sheet per
 * section with a figure. Cells keep the API's full numbers; the format only shows the decimals.
 */
export async function reportXlsx(doc: ReportDocument, lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  // Fixed dates: regenerating a report gives the same workbook content (idempotent).
  book.created = new Date(`${doc.period.from}T00:00:00Z`)
  book.modified = book.created
  const cover = book.addWorksheet(lang === 'en' ? 'Report' : '报告')
  cover.addRows([[textOf(doc.title, lang)], [doc.firm.name, doc.firm.id], [doc.plant.name, doc.plant.id], [doc.period.from, doc.period.to], [doc.plant.timeZone], []])
  for (const w of doc.warnings) cover.addRow([textOf(w, lang)])
  for (const s of doc.sections) if (s.unavailable) cover.addRow([textOf(s.title, lang), textOf(s.unavailable, lang)])
  cover.getColumn(1).width = 60
  for (const s of doc.sections) {
    if (s.unavailable || !s.columns) continue
    const ws = book.addWorksheet(s.id.slice(0, 31))
    ws.addRow([textOf(s.title, lang)])
    ws.addRow(s.columns.map((c) => `${textOf(c.label, lang)}${c.unit ? ` [${c.unit}]` : ''}${c.percent ? ' [0..1]' : ''}`)).font = { bold: true }
    for (const r of s.rows ?? []) ws.addRow(r.map((cell) => (isText(cell) ? cell[lang] : cell)))
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1)
      col.width = 18
      col.numFmt = c.percent ? '0.0%' : c.digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(c.digits ?? 2)}`
    })
    for (const n of s.notes ?? []) ws.addRow([textOf(n, lang)])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
