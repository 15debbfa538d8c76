import ExcelJS from 'exceljs'
import type { FastifyReply } from 'fastify'

export interface Answer {
  unit: Record<string, string>
  rows: { group: Record<string, string>; from: string; to: string; values: Record<string, unknown> }[]
}
export type Format = 'json' | 'csv' | 'xlsx'

/** Nested values flattened to dotted columns (kpis.oee, electricity.total); numbers kept exact. */
function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  } else out[prefix] = value
  return out
}

/** Column unit: the answer's unit of the column's first segment, or of its last, or of '*'. */
const unitOf = (unit: Record<string, string>, column: string) => unit[column.split('.')[0] ?? ''] ?? unit[column.split('.').at(-1) ?? ''] ?? unit['*'] ?? ''

/** Header row and data rows of an answer: the same numbers as its JSON, units named in the header. */
export function toTable(answer: Answer): { header: string[]; rows: unknown[][] } {
  const flat = answer.rows.map((r) => ({ ...Object.fromEntries(Object.entries(r.group).map(([k, v]) => [k, v])), from: r.from, to: r.to, ...flatten(r.values, '', {}) }))
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))]
  const header = columns.map((c) => (['from', 'to'].includes(c) || answer.rows[0]?.group[c] !== undefined ? c : `${c} [${unitOf(answer.unit, c)}]`))
  return { header, rows: flat.map((r) => columns.map((c) => (r as Record<string, unknown>)[c] ?? null)) }
}

const csvCell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v)
  // RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it (OWASP CSV injection).
  const safe = /^[=+\-@]/.test(text) && typeof v === 'string' ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function toCsv(answer: Answer): string {
  const { header, rows } = toTable(answer)
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export async function toXlsx(answer: Answer, sheet: string): Promise<Buffer> {
  const { header, rows } = toTable(answer)
  const book = new ExcelJS.Workbook()
  const ws = book.addWorksheet(sheet.slice(0, 31))
  ws.addRow(header)
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'boolean' ? String(v) : v)))
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Sends an answer as JSON, CSV or XLSX (buffers skip the JSON serializer). */
export async function sendAnswer(reply: FastifyReply, format: Format, name: string, answer: Answer): Promise<Answer | FastifyReply> {
  if (format === 'json') return answer
  const file = `${name}.${format}`
  reply.header('content-disposition', `attachment; filename="${file}"`)
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(Buffer.from(toCsv(answer), 'utf8'))
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(answer, name))
}
