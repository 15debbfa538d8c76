import { describe, expect, it } from 'vitest'
import type { SourceMessage } from '../dead-letter.ts'
import { createSinks, fieldsOf, linesOf, message, MIN, newEngine, step } from '../../../test/engine-harness.ts'

// 2025-03-10 10:00 in Asia/Shanghai.
const T0 = Date.parse('2025-03-10T10:00:00+08:00')
const hall = { line: 'spinning', device: 'hall-sensor-01' } as const

/** The messages, then the partition idle until `endMs`: every minute and hour final. */
function runToFinal(messages: readonly SourceMessage[], endMs: number) {
  const sinks = createSinks()
  const changelog = new Map<string, string>()
  const engine = newEngine()
  for (const m of messages) engine.apply(m)
  engine.advance(engine.streamTimeMs)
  step(engine, sinks, changelog)
  engine.idleTo(endMs)
  engine.advance(endMs)
  step(engine, sinks, changelog)
  return sinks
}

describe('the process channel of the partition engine', () => {
  it('writes min, mean, max, count and out-of-range per gauge and minute, and the hour from its final minutes', () => {
    const readings: { ts: number; values: Record<string, number> }[] = [
      { ts: T0 + 5_000, values: { humidity: 55, temperature: 27 } },
      { ts: T0 + 25_000, values: { humidity: 61 } },
      { ts: T0 + 45_000, values: { humidity: 86, temperature: 28 } },
      { ts: T0 + MIN + 10_000, values: { humidity: 58, temperature: 26.5 } },
    ]
    const sinks = runToFinal(readings.map((r, i) => message(i, { ...hall, channel: 'process', seq: i, ...r })), T0 + 3 * 60 * MIN)
    const humidity = linesOf(sinks.influx, 'process_minute').filter((l) => l.includes('gauge=humidity'))
    expect(humidity[0]).toMatch(/^process_minute,device=hall-sensor-01,firm=test-firm,gauge=humidity,kind=sensor,line=spinning,plant=test-plant,unit=%RH /)
    expect(humidity.map(fieldsOf)).toEqual([
      { min: 55, mean: 202 / 3, max: 86, count: 3, out_of_range: 1 },
      { min: 58, mean: 58, max: 58, count: 1, out_of_range: 0 },
    ])
    const temperature = linesOf(sinks.influx, 'process_minute').filter((l) => l.includes('gauge=temperature')).map(fieldsOf)
    expect(temperature).toEqual([{ min: 27, mean: 27.5, max: 28, count: 2, out_of_range: 0 }, { min: 26.5, mean: 26.5, max: 26.5, count: 1, out_of_range: 0 }])
    const hour = linesOf(sinks.influx, 'process_hour').filter((l) => l.includes('gauge=humidity')).map(fieldsOf)
    expect(hour).toEqual([{ min: 55, mean: 65, max: 86, count: 4, out_of_range: 1, minutes: 2 }])
    // The one suspect reading: an event on the anomaly topic and a point, with the range it left.
    expect(sinks.processEvents).toEqual([{ v: 1, reason: 'out_of_range', firm: 'test-firm', plant: 'test-plant', line: 'spinning', device: 'hall-sensor-01', kind: 'sensor', gauge: 'humidity', unit: '%RH', ts: T0 + 45_000, seq: 2, value: 86, min: 40, max: 80 }])
    expect(linesOf(sinks.influx, 'process_out_of_range').map(fieldsOf)).toEqual([{ value: 86, min: 40, max: 80 }])
  })

  it("writes a machine's gauge beside its other channels, tagged as a machine", () => {
    const jd = { line: 'dyeing', device: 'jd-01' } as const
    const sinks = runToFinal([
      message(0, { ...jd, channel: 'state', ts: T0, state: 'running' }),
      message(1, { ...jd, channel: 'process', ts: T0 + 1_000, values: { liquor_temp: 98 } }),
      message(2, { ...jd, channel: 'process', ts: T0 + 31_000, values: { liquor_temp: 130 } }),
    ], T0 + 2 * 60 * MIN)
    const lines = linesOf(sinks.influx, 'process_minute')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('kind=machine')
    expect(fieldsOf(lines[0] as string)).toEqual({ min: 98, mean: 114, max: 130, count: 2, out_of_range: 0 })
    expect(linesOf(sinks.influx, 'machine_minute').length).toBeGreaterThan(0)
  })

  it('counts a duplicate once, corrects a closed minute with a late reading, and dead-letters a reading too late', () => {
    const engine = newEngine()
    const sinks = createSinks()
    const changelog = new Map<string, string>()
    const apply = (offset: number, ts: number, humidity: number, seq?: number) =>
      engine.apply(message(offset, { ...hall, channel: 'process', ts, values: { humidity }, ...(seq === undefined ? {} : { seq }) }))
    expect(apply(0, T0 + 10_000, 50, 1)).toBe('accepted')
    expect(apply(1, T0 + MIN + 10_000, 60, 2)).toBe('accepted')
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
    expect(fieldsOf(linesOf(sinks.influx, 'process_minute')[0] as string)).toMatchObject({ count: 1, mean: 50 })
    expect(apply(2, T0 + 10_000, 50, 1)).toBe('duplicate')
    expect(apply(3, T0 + 20_000, 70, 3)).toBe('late')
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
    expect(fieldsOf(linesOf(sinks.influx, 'process_minute')[0] as string)).toMatchObject({ count: 2, mean: 60, max: 70 })
    // The lateness is 2 minutes behind the newest reading.
    expect(apply(4, T0 + 5 * MIN, 50, 4)).toBe('accepted')
    expect(apply(5, T0 + 30_000, 50, 5)).toBe('too_late')
    step(engine, sinks, changelog)
    expect(sinks.deadLetters.map((d) => d.reason)).toEqual(['too_late'])
    expect(sinks.deadLetters[0]?.message).toMatch(/newest process reading/)
  })

  it('keeps its state in the changelog under the device key with #process, and a restored engine goes on from it', () => {
    const sinks = createSinks()
    const changelog = new Map<string, string>()
    let engine = newEngine()
    engine.apply(message(0, { ...hall, channel: 'process', ts: T0 + 10_000, values: { humidity: 90 } }))
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
    expect([...changelog.keys()]).toContain('test-firm/test-plant/spinning/hall-sensor-01#process')
    engine = newEngine(changelog)
    engine.apply(message(1, { ...hall, channel: 'process', ts: T0 + 20_000, values: { humidity: 50 } }))
    engine.idleTo(T0 + 3 * 60 * MIN)
    engine.advance(T0 + 3 * 60 * MIN)
    step(engine, sinks, changelog)
    expect(fieldsOf(linesOf(sinks.influx, 'process_minute')[0] as string)).toMatchObject({ count: 2, min: 50, max: 90, out_of_range: 1 })
    expect(sinks.processEvents.map((e) => e.value)).toEqual([90])
  })
})
