import { describe, expect, it } from 'vitest'
import { formatCell } from './report-format.ts'
import { t, type ReportDocument } from './report-document.ts'
import { reportHtml } from './report-html.ts'

const doc = (over: Partial<ReportDocument> = {}): ReportDocument => ({
  kind: 'energy-monthly', title: t('月度能源报告', 'Monthly energy report'), firm: { id: 'f', name: '<script>alert(1)</script>' }, plant: { id: 'p', name: 'P', timeZone: 'Asia/Shanghai' },
  period: { id: '2026-02', from: '2026-02-01', to: '2026-02-28' }, warnings: [], sections: [], ...over,
})

describe('report rendering', () => {
  it('rounds numbers for reading and shows a missing value as a dash, never as zero', () => {
    expect(formatCell(1234.5678, undefined, 'en')).toBe('1,234.57')
    expect(formatCell(0.6452, { label: t('', ''), percent: true }, 'zh-CN')).toBe('64.5 %')
    expect(formatCell(null, undefined, 'en')).toBe('—')
    expect(formatCell(3, { label: t('', ''), digits: 0 }, 'en')).toBe('3')
  })

  it('escapes names from the registry so a plant name cannot inject markup into the PDF', () => {
    expect(reportHtml(doc(), 'en')).not.toContain('<script>')
    expect(reportHtml(doc(), 'en')).toContain('&lt;script&gt;')
  })

  it('puts the gaps on the first page, or says that none were found', () => {
    expect(reportHtml(doc({ warnings: [t('缺数', 'Meter x has no data on 3 of 28 days')] }), 'en')).toMatch(/class="warn".*Meter x has no data on 3 of 28 days/s)
    expect(reportHtml(doc(), 'zh-CN')).toContain('本期数据完整')
  })

  it('prints the reason instead of a number for a figure that is not available', () => {
    const html = reportHtml(doc({ sections: [{ id: 'tou', title: t('峰平谷', 'Peak, flat, valley'), unavailable: t('暂无：原因', 'Not available: reason') }] }), 'en')
    expect(html).toContain('<p class="na">Not available: reason</p>')
    expect(html).not.toContain('<table><thead>')
  })
})
