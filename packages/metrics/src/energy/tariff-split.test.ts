import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tariffSchema } from '@millstream/contract'
import { bandAt, bandSegments, type TariffInput } from './tariff-bands.ts'
import { bandDurationsMs, tariffSplit } from './tariff-split.ts'

const H = 3_600_000
const SH = 'Asia/Shanghai'
const local = (iso: string) => Date.parse(`${iso}+08:00`)

// An illustrative calendar (no Jiangxi calendar was found, domain.md §2.3): valley wraps midnight.
const tariff = tariffSchema.parse({
  name: 'illustrative TOU',
  pricePerKwh: { tip: 1.2, peak: 1.0, flat: 0.6, valley: 0.3 },
  periods: [
    { from: '23:00', to: '07:00', band: 'valley' },
    { from: '07:00', to: '08:00', band: 'flat' },
    { from: '08:00', to: '11:00', band: 'peak' },
    { from: '11:00', to: '18:00', band: 'flat' },
    { from: '18:00', to: '19:00', band: 'peak' },
    { from: '19:00', to: '21:00', band: 'tip' },
    { from: '21:00', to: '23:00', band: 'flat' },
  ],
  tipMonths: [7, 8],
  source: 'test fixture',
})

describe('tariff split', () => {
  it('splits an interval at a band boundary by local time', () => {
    const r = tariffSplit([{ startMs: local('2026-03-02T06:30:00'), endMs: local('2026-03-02T07:30:00'), delta: 100 }], tariff, SH)
    expect(r.kwhByBand).toMatchObject({ valley: 50, flat: 50, peak: 0 })
    expect(r.totalCost).toBeCloseTo(50 * 0.3 + 50 * 0.6, 12)
    expect(r.currency).toBe('CNY')
  })

  it('bills tip hours as tip only in tip months', () => {
    const evening = (month: string) => [{ startMs: local(`2026-${month}-10T19:00:00`), endMs: local(`2026-${month}-10T21:00:00`), delta: 10 }]
    expect(tariffSplit(evening('07'), tariff, SH).kwhByBand.tip).toBe(10)
    expect(tariffSplit(evening('03'), tariff, SH).kwhByBand).toMatchObject({ tip: 0, peak: 10 })
    expect(bandAt(local('2026-08-01T20:00:00'), tariff, SH)).toBe('tip')
  })

  it('cuts a whole day into the calendar hours', () => {
    const day = { startMs: local('2026-03-02T00:00:00'), endMs: local('2026-03-03T00:00:00') }
    expect(bandDurationsMs([day], tariff, SH)).toEqual({ tip: 0, peak: 6 * H, flat: 10 * H, valley: 8 * H, deep_valley: 0 })
  })

  it('follows the local clock across a daylight-saving change', () => {
    // Europe/Berlin 2026-03-29 has 23 hours; 00:00-07:00 valley is 6 real hours that night.
    const berlinDay = { startMs: Date.parse('2026-03-28T23:00:00Z'), endMs: Date.parse('2026-03-29T22:00:00Z') }
    const d = bandDurationsMs([berlinDay], tariff, 'Europe/Berlin')
    expect(d).toEqual({ tip: 0, peak: 6 * H, flat: 10 * H, valley: 7 * H, deep_valley: 0 })
    const segments = bandSegments(berlinDay, tariff, 'Europe/Berlin')
    expect(segments[0]).toEqual({ startMs: berlinDay.startMs, endMs: Date.parse('2026-03-29T05:00:00Z'), band: 'valley' })
  })

  it('gives no total cost when energy falls in an unpriced band', () => {
    const noValleyPrice: TariffInput = { ...tariff, pricePerKwh: { flat: 0.6, peak: 1.0 } }
    const r = tariffSplit([{ startMs: local('2026-03-02T02:00:00'), endMs: local('2026-03-02T03:00:00'), delta: 5 }], noValleyPrice, SH)
    expect(r).toMatchObject({ totalCost: null, unpricedBands: ['valley'] })
  })

  it('refuses a calendar that leaves part of the day without a band', () => {
    const holey: TariffInput = { pricePerKwh: {}, periods: [{ from: '00:00', to: '12:00', band: 'flat' }] }
    expect(() => bandAt(0, holey, SH)).toThrow(/12:00 without a band/)
  })

  it('conserves energy whatever the intervals', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ start: fc.integer({ min: 0, max: 400 * H }), lengthMs: fc.integer({ min: 1, max: 30 * H }), delta: fc.double({ min: 0, max: 1e4, noNaN: true }) }), { maxLength: 10 }), (raw) => {
        const base = Date.parse('2026-03-01T00:00:00Z')
        const intervals = raw.map((r) => ({ startMs: base + r.start, endMs: base + r.start + r.lengthMs, delta: r.delta }))
        const split = tariffSplit(intervals, tariff, 'America/New_York')
        const total = intervals.reduce((s, i) => s + i.delta, 0)
        expect(Object.values(split.kwhByBand).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6)
      }),
      { numRuns: 50 },
    )
  })
})

describe('tariff walk', () => {
  it('ends, and tiles the range, when the range starts or ends between two milliseconds', () => {
    const tariff: TariffInput = { pricePerKwh: { valley: 0.3, peak: 0.9 }, periods: [{ from: '23:00', to: '07:00', band: 'valley' }, { from: '07:00', to: '23:00', band: 'peak' }] }
    const range = { startMs: 6.4e-7, endMs: 20_917_713.000000644 }
    const segments = bandSegments(range, tariff, 'Asia/Kolkata')
    expect(segments[0]?.startMs).toBe(range.startMs)
    expect(segments.at(-1)?.endMs).toBe(range.endMs)
    for (let i = 1; i < segments.length; i++) expect(segments[i]?.startMs).toBe(segments[i - 1]?.endMs)
  })
})
