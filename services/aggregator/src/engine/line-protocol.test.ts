import { describe, expect, it } from 'vitest'
import { encodeLine, seriesKey } from './line-protocol.ts'

describe('line protocol', () => {
  it('sorts and escapes tags and writes integer fields with i', () => {
    const series = seriesKey('machine_minute', { plant: 'p 1', firm: 'f,1', machine: 'm=1', empty: '' })
    expect(series).toBe('machine_minute,firm=f\\,1,machine=m\\=1,plant=p\\ 1')
    expect(encodeLine(series, { running_s: 30.5, stops: 2 }, new Set(['stops']), 1_700_000_000)).toBe(`${series} running_s=30.5,stops=2i 1700000000`)
  })

  it('refuses a value InfluxDB would store as garbage', () => {
    expect(() => encodeLine('m', { x: Number.NaN }, new Set(), 0)).toThrow(/x of m is NaN/)
  })
})
