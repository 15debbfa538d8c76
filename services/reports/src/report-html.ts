import { formatCell } from './report-format.ts'
import { t, textOf, type Lang, type ReportDocument, type Section } from './report-document.ts'

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const LABELS = {
  firm: t('企业', 'Firm'), plant: t('工厂', 'Plant'), period: t('报告期', 'Period'), timeZone: t('时区（日界）', 'Time zone (days cut at local midnight)'),
  gaps: t('数据缺口与限制', 'Gaps and limits of the data'), none: t('本期数据完整。', 'No gaps found in this period.'),
  source: t('数据来源：MillStream API（与 API 同期数值一致）。', 'Source: the MillStream API; every figure equals the API\'s for the same period.'),
}

/** CJK glyphs from Noto (fonts-noto-cjk); numbers in tabular figures so columns line up. */
const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans", sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 11.5pt; margin: 14pt 0 5pt; border-bottom: 1px solid #999; padding-bottom: 2pt; break-after: avoid; }
section { break-inside: avoid; } section.long { break-inside: auto; }
table { border-collapse: collapse; width: 100%; table-layout: auto; page-break-inside: auto; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
th, td { border: 1px solid #bbb; padding: 2.5pt 4pt; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef1f4; text-align: left; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.meta td { border: none; padding: 1pt 6pt 1pt 0; } .meta { width: auto; margin-bottom: 6pt; }
.warn { border: 1.5px solid #b45309; background: #fff7ed; padding: 5pt 8pt; margin: 6pt 0; }
.ok { border: 1px solid #15803d; background: #f0fdf4; padding: 5pt 8pt; margin: 6pt 0; }
.na { color: #7c2d12; font-style: italic; } .note { color: #333; font-size: 8.5pt; margin: 3pt 0 0; }
footer { font-size: 8pt; color: #555; margin-top: 14pt; }
table.wide { font-size: 8pt; } table.wide td:first-child { white-space: nowrap; }`

function sectionHtml(s: Section, lang: Lang): string {
  const head = `<h2>${escape(textOf(s.title, lang))}</h2>`
  if (s.unavailable) return `<section>${head}<p class="na">${escape(textOf(s.unavailable, lang))}</p></section>`
  const cols = s.columns ?? []
  const th = cols.map((c) => `<th>${escape(textOf(c.label, lang))}${c.unit ? ` [${escape(c.unit)}]` : ''}</th>`).join('')
  const body = (s.rows ?? []).map((r) => `<tr>${r.map((cell, i) => `<td${typeof cell === 'number' ? ' class="n"' : ''}>${escape(formatCell(cell, cols[i], lang))}</td>`).join('')}</tr>`).join('\n')
  const empty = (s.rows ?? []).length === 0 ? `<p class="na">${escape(textOf(t('本期无数据。', 'No data in this period.'), lang))}</p>` : ''
  const notes = (s.notes ?? []).map((n) => `<p class="note">${escape(textOf(n, lang))}</p>`).join('')
  // Wide tables (eight columns and more) print smaller, and their first column (a name) never wraps.
  // Short sections stay whole on one page; a long table may break between rows (its header repeats).
  return `<section${(s.rows ?? []).length > 25 ? ' class="long"' : ''}>${head}${empty || `<table${cols.length >= 8 ? ' class="wide"' : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`}${notes}</section>`
}

/** The report as one printable HTML page in `lang` (the PDF is Chromium's print of it). */
export function reportHtml(doc: ReportDocument, lang: Lang): string {
  const l = (x: keyof typeof LABELS) => escape(textOf(LABELS[x], lang))
  const period = doc.period.from === doc.period.to ? doc.period.from : `${doc.period.from} – ${doc.period.to}`
  const warnings = doc.warnings.length
    ? `<div class="warn"><strong>${l('gaps')}</strong><ul>${doc.warnings.map((w) => `<li>${escape(textOf(w, lang))}</li>`).join('')}</ul></div>`
    : `<div class="ok">${l('none')}</div>`
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escape(textOf(doc.title, lang))} ${escape(doc.plant.id)} ${escape(doc.period.id)}</title><style>${CSS}</style></head><body>
<h1>${escape(textOf(doc.title, lang))}</h1>
<table class="meta"><tr><td>${l('firm')}</td><td>${escape(doc.firm.name)} (${escape(doc.firm.id)})</td></tr><tr><td>${l('plant')}</td><td>${escape(doc.plant.name)}${doc.plant.id.startsWith('_') ? '' : ` (${escape(doc.plant.id)})`}</td></tr>
<tr><td>${l('period')}</td><td>${escape(period)}</td></tr><tr><td>${l('timeZone')}</td><td>${escape(doc.plant.timeZone)}</td></tr></table>
${warnings}
${doc.sections.map((s) => sectionHtml(s, lang)).join('\n')}
<footer>${l('source')}</footer></body></html>`
}
