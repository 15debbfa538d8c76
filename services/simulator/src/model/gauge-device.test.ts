import { describe, expect, it } from 'vitest'
import { createGaugeDevice } from './gauge-device.ts'
import { createPrng } from './prng.ts'
import type { RawEvent } from './raw-event.ts'

const HALL = { humidity: { unit: '%RH', min: 40, max: 80 }, temperature: { unit: '°C', min: 15, max: 40 } }

function readings(outOfRange: number, n: number): Record<string, number>[] {
  const device = createGaugeDevice({ gauges: HALL, prng: createPrng(7, 'hall'), outOfRange })
  const out: Record<string, number>[] = []
  const emit = (e: RawEvent) => void (e.channel === 'process' && out.push(e.values))
  for (let i = 0; i < n; i++) device.sample(Date.parse('2026-03-01T00:00:00Z') + i * 10_000, emit)
  return out
}

describe('a hall sensor of the simulator', () => {
  it('reads every gauge each tick, inside the plausible range without chaos, to 0.1 of the unit', () => {
    const values = readings(0, 8640)
    expect(values).toHaveLength(8640)
    for (const v of values) {
      expect(Object.keys(v)).toEqual(['humidity', 'temperature'])
      expect(v.humidity).toBeGreaterThanOrEqual(40)
      expect(v.humidity).toBeLessThanOrEqual(80)
      expect(Math.round((v.humidity as number) * 10)).toBeCloseTo((v.humidity as number) * 10, 6)
    }
    // A daily wave: a day of readings spans a good part of the range, not one value.
    const hs = values.map((v) => v.humidity as number)
    expect(Math.max(...hs) - Math.min(...hs)).toBeGreaterThan(10)
  })

  it('puts about the chaos share of readings outside the range, never on its edge', () => {
    const values = readings(0.05, 4000)
    const outside = values.filter((v) => (v.humidity as number) < 40 || (v.humidity as number) > 80).length
    expect(outside).toBeGreaterThan(120)
    expect(outside).toBeLessThan(290)
  })
})
