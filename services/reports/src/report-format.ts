import type { Cell, Column, Lang } from './report-document.ts'
import { isText } from './report-document.ts'

/**
 * How a number reads in the PDF: grouped thousands, the column's decimals (2 by default),
 * percentages from ratios. Same digits in both languages (zh-CN also groups by thousands in
 * Arabic numerals), so a reader or a test can find the API's figure in either file.
 */
export function formatCell(cell: Cell, column: Column | undefined, lang: Lang): string {
  if (cell === null) return '—'
  if (isText(cell)) return cell[lang]
  if (typeof cell === 'string') return cell
  const digits = column?.digits ?? 2
  if (column?.percent) return `${formatNumber(cell * 100, 1)} %`
  return formatNumber(cell, digits)
}

export function formatNumber(x: number, digits: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** Local wall time HH:MM of an instant (ms or ISO) in the plant's zone: shift times as the calendar prints them. */
export const hhmm = (at: number | string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at))
