import { describe, expect, it } from 'vitest'
import { toCsv, toTable } from './table-export.ts'

const answer = {
  unit: { kpis: 'ratio 0..1', '*': 's' },
  rows: [{ group: { line: '=cmd|calc' }, from: '2025-06-01T16:00:00.000Z', to: '2025-06-02T16:00:00.000Z', values: { kpis: { oee: 0.123456789012, mtbfMs: null }, note: 'a,"b"' } }],
}

describe('table export', () => {
  it('flattens nested values to dotted columns with units, keeping numbers exact', () => {
    const { header, rows } = toTable(answer)
    expect(header).toEqual(['line', 'from', 'to', 'kpis.oee [ratio 0..1]', 'kpis.mtbfMs [ratio 0..1]', 'note [s]'])
    expect(rows[0]?.[3]).toBe(0.123456789012)
  })

  it('quotes per RFC 4180 and neutralises cells a spreadsheet would run as formulas', () => {
    const csv = toCsv(answer)
    expect(csv.split('\r\n')[1]).toBe(`'=cmd|calc,2025-06-01T16:00:00.000Z,2025-06-02T16:00:00.000Z,0.123456789012,,"a,""b"""`)
  })
})
