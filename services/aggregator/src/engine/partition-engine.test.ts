import { describe, expect, it } from 'vitest'
import { createSinks, fieldsOf, linesOf, message, MIN, newEngine, runUninterrupted, step, TEST_OPTIONS } from '../../test/engine-harness.ts'

// 2025-03-10 10:00 in Asia/Shanghai: inside shift A (08:00-16:00), not in its break.
const T0 = Date.parse('2025-03-10T10:00:00+08:00')
const loom = { line: 'weaving', device: 'loom-01' }

/** A loom that runs, stops for a warp break from 1:30 to 2:30, and counts 750 picks a minute. */
function loomMinutes() {
  let offset = 0
  const msgs = [
    message(offset++, { ...loom, channel: 'state', ts: T0, state: 'running', seq: 1 }),
    message(offset++, { ...loom, channel: 'state', ts: T0 + 90_000, state: 'down', reason: 'warp_break', seq: 2 }),
    message(offset++, { ...loom, channel: 'state', ts: T0 + 150_000, state: 'running', seq: 3 }),
  ]
  for (let i = 0; i <= 12; i++) {
    msgs.push(message(offset++, { ...loom, channel: 'count', ts: T0 + i * MIN, total: i * 750, good: i * 740, seq: 100 + i }))
    msgs.push(message(offset++, { ...loom, channel: 'energy', ts: T0 + i * MIN, total: 10 + i * 0.0625, medium: 'electricity', power: 4 + i, seq: 200 + i }))
    if (i > 2) msgs.push(message(offset++, { ...loom, channel: 'state', ts: T0 + i * MIN, state: 'running', seq: 300 + i }))
  }
  return msgs.sort((a, b) => Number(JSON.parse(String(a.value)).ts) - Number(JSON.parse(String(b.value)).ts)).map((m, i) => ({ ...m, offset: String(i) }))
}

describe('partition engine', () => {
  it('splits a loom minute into states, ISO elements, stops, production and energy', () => {
    const sinks = runUninterrupted(loomMinutes(), T0 + 60 * MIN)
    const minutes = linesOf(sinks.influx, 'machine_minute').map(fieldsOf)
    expect(minutes[0]).toMatchObject({ running_s: 60, down_s: 0, apt_s: 60, produced_qty: 750, good_qty: 740, ideal_qty: 750, ideal_produced_s: 60, electricity_kwh: 0.0625, electricity_idle_kwh: 0, electricity_peak_rate: 4, stops: 1 - 1 })
    // Minute 1: 30 s running then a warp break: one stop, half the minute's energy drawn while down.
    expect(minutes[1]).toMatchObject({ running_s: 30, down_s: 30, adet_s: 30, apt_s: 30, stops: 1, produced_qty: 750, ideal_qty: 375, electricity_kwh: 0.0625, electricity_idle_kwh: 0.03125 })
    // Minute 2: the same stop goes on (not counted again), then running.
    expect(minutes[2]).toMatchObject({ running_s: 30, down_s: 30, stops: 0, unknown_s: 0 })
    const stops = linesOf(sinks.influx, 'machine_stop_minute')
    expect(stops).toHaveLength(2)
    expect(stops.map(fieldsOf)).toEqual([{ count: 1, down_s: 30 }, { count: 0, down_s: 30 }])
    expect(stops[0]).toContain('reason=warp_break')
  })

  it('turns a silent machine unknown after the staleness limit and writes nothing past the horizon', () => {
    const sinks = runUninterrupted([message(0, { ...loom, channel: 'state', ts: T0, state: 'running' })], T0 + 120 * MIN)
    const minutes = linesOf(sinks.influx, 'machine_minute').map(fieldsOf)
    // Horizon 30 min: minutes 0..29 exist; 5 min of running, then unknown.
    expect(minutes).toHaveLength(30)
    expect(minutes.slice(0, 5).every((m) => m.running_s === 60)).toBe(true)
    expect(minutes.slice(5).every((m) => m.unknown_s === 60 && m.running_s === 0)).toBe(true)
  })

  it('rewrites a closed minute when a late sample within the lateness corrects it, and dead-letters a later one', () => {
    const engine = newEngine()
    const sinks = createSinks()
    const changelog = new Map<string, string>()
    engine.apply(message(0, { ...loom, channel: 'state', ts: T0, state: 'running' }))
    engine.apply(message(1, { ...loom, channel: 'state', ts: T0 + 3 * MIN, state: 'running' }))
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
    const first = linesOf(sinks.influx, 'machine_minute').map(fieldsOf)
    expect(first.map((m) => m.running_s)).toEqual([60, 60, 60])
    // 1.5 minutes late: within the 2-minute lateness, minute 1 becomes half idle.
    expect(engine.apply(message(2, { ...loom, channel: 'state', ts: T0 + 90_000, state: 'idle' }))).toBe('late')
    engine.advance(engine.streamTimeMs)
    step(engine, sinks, changelog)
    expect(linesOf(sinks.influx, 'machine_minute').map(fieldsOf).map((m) => m.idle_s)).toEqual([0, 30, 60])
    engine.apply(message(3, { ...loom, channel: 'state', ts: T0 + 10 * MIN, state: 'running' }))
    const outcome = engine.apply(message(4, { ...loom, channel: 'state', ts: T0 + 5 * MIN, state: 'down' }))
    expect(outcome).toBe('too_late')
    // The too-late record is counted in the minute of the device's newest event, once it closes.
    engine.advance(T0 + 11 * MIN)
    step(engine, sinks, changelog)
    expect(sinks.deadLetters).toHaveLength(1)
    expect(sinks.deadLetters[0]).toMatchObject({ reason: 'too_late', source: { stage: 'aggregator', topic: 'in', partition: 0, offset: '4' } })
    const intake = linesOf(sinks.influx, 'device_intake_minute').map(fieldsOf)
    expect(intake.reduce((n, m) => n + (m.too_late ?? 0), 0)).toBe(1)
    expect(intake.reduce((n, m) => n + (m.late_samples ?? 0), 0)).toBe(1)
  })

  it('counts a copy by seq or by channel and event time once', () => {
    const engine = newEngine()
    const a = message(0, { ...loom, channel: 'count', ts: T0, total: 5, seq: 7 })
    expect(engine.apply(a)).toBe('accepted')
    expect(engine.apply({ ...a, offset: '1' })).toBe('duplicate')
    expect(engine.apply(message(2, { ...loom, channel: 'count', ts: T0 + 1000, total: 6, seq: 7 }))).toBe('duplicate')
    expect(engine.apply(message(3, { ...loom, channel: 'count', ts: T0, total: 9, seq: 8 }))).toBe('duplicate')
    // Same event time on another channel, or another medium, is not a copy.
    expect(engine.apply(message(4, { ...loom, channel: 'energy', ts: T0, total: 1, medium: 'electricity', seq: 9 }))).toBe('accepted')
    expect(engine.apply({ ...a, offset: '0' })).toBe('skipped')
  })

  it('dead-letters records this registry does not know, with their reason', () => {
    const engine = newEngine()
    const sinks = createSinks()
    engine.apply(message(0, { line: 'weaving', device: 'loom-99', channel: 'state', ts: T0, state: 'running' }))
    engine.apply(message(1, { line: 'sewing', device: 'sw-01', channel: 'energy', ts: T0, total: 1, medium: 'electricity' }))
    engine.apply({ ...message(2, { ...loom, channel: 'state', ts: T0, state: 'running' }), value: Buffer.from('{"v":1') })
    engine.apply(message(3, { line: 'utilities', device: 'incomer-steam', channel: 'energy', ts: T0, total: 1, medium: 'gas' }))
    step(engine, sinks, new Map())
    expect(sinks.deadLetters.map((d) => d.reason)).toEqual(['unknown_device', 'channel_not_allowed', 'malformed_json', 'medium_mismatch'])
    expect(engine.nextOffset).toBe('4')
  })

  it('writes hour rollups that are the sums of their final minutes', () => {
    const sinks = runUninterrupted(loomMinutes(), T0 + 60 * MIN)
    const minutes = linesOf(sinks.influx, 'machine_minute').map(fieldsOf)
    const [hour] = linesOf(sinks.influx, 'machine_hour').map(fieldsOf)
    // Final: minutes whose end is 5 min (spread) before the device's newest event minus 2 min lateness.
    const finalCount = 12 - 2 - 5
    expect(hour?.minutes).toBe(finalCount)
    const final = minutes.slice(0, finalCount)
    expect(hour?.produced_qty).toBe(final.reduce((n, m) => n + (m.produced_qty ?? 0), 0))
    expect(hour?.running_s).toBe(final.reduce((n, m) => n + (m.running_s ?? 0), 0))
    expect(hour?.electricity_peak_rate).toBe(Math.max(...final.map((m) => m.electricity_peak_rate ?? 0)))
  })
})

describe('partition engine restored from its changelog', () => {
  it('rewrites every closed minute that is not final, because writes after the changelog record are unknown', () => {
    const changelog = new Map<string, string>()
    const engine = newEngine()
    engine.apply(message(0, { ...loom, channel: 'state', ts: T0, state: 'running' }))
    engine.apply(message(1, { ...loom, channel: 'state', ts: T0 + 4 * MIN, state: 'running' }))
    engine.advance(engine.streamTimeMs)
    step(engine, createSinks(), changelog)
    const restored = newEngine(changelog)
    restored.advance(T0 + 4 * MIN)
    // Minutes 0..3 are closed; with 2 min lateness and 5 min spread none is final yet.
    expect([...restored.pending().points.keys()].filter((k) => k.startsWith('machine_minute,'))).toHaveLength(4)
    expect(restored.nextOffset).toBe('2')
  })
})

describe('partition engine with a device back from a silence', () => {
  it('counts the output revealed after 40 silent minutes as production and leaves it out of performance (docs/metrics.md 4.4)', () => {
    // loom-01 (750 picks/min ideal) weaves at 0.9 throughout; it reports at 10 s past each minute, but not from 4:10 to 44:10.
    const at = [...Array.from({ length: 5 }, (_, i) => i), ...Array.from({ length: 7 }, (_, i) => 44 + i)].map((m) => T0 + m * MIN + 10_000)
    const msgs = at.flatMap((ts, i) => [
      message(2 * i, { ...loom, channel: 'state', ts, state: 'running', seq: 2 * i }),
      message(2 * i + 1, { ...loom, channel: 'count', ts, total: (0.9 * 750 * (ts - T0)) / MIN, seq: 2 * i + 1 }),
    ])
    const minutes = linesOf(runUninterrupted(msgs, T0 + 3 * 60 * MIN).influx, 'machine_minute').map(fieldsOf)
    const sum = (field: string) => minutes.reduce((n, m) => n + (m[field] ?? 0), 0)
    // Every pick is production: from the first reading to the last, 49:50 of weaving at 675 picks a minute.
    expect(sum('produced_qty')).toBeCloseTo(0.9 * 750 * (at.at(-1)! - at[0]!) / MIN, 6)
    // No minute shows the loom faster than it ran; the minute it came back shows 0.9, not 27 000 picks over 50 s.
    for (const m of minutes) if ((m.credited_apt_s ?? 0) > 0) expect((m.credited_ideal_s ?? 0) / (m.credited_apt_s as number)).toBeLessThanOrEqual(0.9 + 1e-9)
    const back = minutes.find((m) => (m.produced_qty ?? 0) > 20_000)
    expect(back).toMatchObject({ apt_s: 50 })
    expect(back!.credited_ideal_s! / back!.apt_s!).toBeCloseTo(0.9, 9)
    expect(back!.ideal_produced_s! - back!.credited_ideal_s!).toBeCloseTo(0.9 * 40 * 60, 6)
  })
})

describe('partition engine with a silent device', () => {
  it('finalizes its minutes by the partition grace and counts its too-late records the same whenever the clock advances', () => {
    const options = { ...TEST_OPTIONS, partitionGraceMs: 10 * MIN }
    const records = [
      message(0, { ...loom, channel: 'state', ts: T0, state: 'running' }),
      // The partition moves on 30 minutes with another machine; loom-01 stays silent.
      ...Array.from({ length: 31 }, (_, i) => message(1 + i, { line: 'weaving', device: 'loom-02', channel: 'state', ts: T0 + i * MIN, state: 'idle' })),
      message(32, { ...loom, channel: 'state', ts: T0 + 2 * MIN, state: 'down' }), // before the partition's grace: too late
      message(33, { line: 'weaving', device: 'loom-02', channel: 'state', ts: T0 + 20 * MIN, state: 'down' }), // behind loom-02's own newest
    ]
    const run = (advanceEvery: number) => {
      const engine = newEngine(undefined, options)
      const sinks = createSinks()
      records.forEach((m, i) => {
        engine.apply(m)
        if (i % advanceEvery === 0) engine.advance(engine.streamTimeMs)
      })
      engine.advance(T0 + 90 * MIN)
      step(engine, sinks, new Map())
      return sinks
    }
    const often = run(1)
    const rarely = run(1000)
    expect(often.deadLetters.map((d) => d.reason)).toEqual(['too_late', 'too_late'])
    // Each reason names the limit the record missed, not both at once.
    const iso = (ms: number) => new Date(ms).toISOString()
    expect(often.deadLetters.map((d) => d.message)).toEqual([
      `event time ${iso(T0 + 2 * MIN)} is more than the partition grace (600 s) before its partition's time, ${iso(T0 + 30 * MIN)} (the newest event of any device on the partition, or the clock once the partition is idle)`,
      `event time ${iso(T0 + 20 * MIN)} is more than the allowed lateness (${TEST_OPTIONS.latenessMs / 1000} s) before the device's newest event, ${iso(T0 + 30 * MIN)}`,
    ])
    expect(rarely.influx).toEqual(often.influx)
    // loom-01's minutes became final although it sent nothing more: its hour rollup exists.
    expect(linesOf(often.influx, 'machine_hour').filter((l) => l.includes('machine=loom-01'))).toHaveLength(1)
  })
})

describe('register discontinuities (issue 9)', () => {
  const incomer = { line: 'utilities', device: 'incomer-electricity' } // maxFlowPerH 1000 kW in the test registry
  /** 600 kW, a rewind to the register's value 30 minutes earlier, a spike, a restart from zero, then 600 kW again. */
  const readings = [
    ...Array.from({ length: 6 }, (_, i) => ({ ts: T0 + i * MIN, total: 50_000 + i * 10 })),
    { ts: T0 + 6 * MIN, total: 49_700 }, // rewound: far more than 1.5 x 1000 kW could draw from zero in a minute
    { ts: T0 + 7 * MIN, total: 49_710 },
    { ts: T0 + 8 * MIN, total: 9_049_710 }, // a spike up ...
    { ts: T0 + 9 * MIN, total: 49_720 }, // ... and back: both intervals are excluded
    { ts: T0 + 10 * MIN, total: 3 }, // a restart from zero: 3 kWh in a minute is possible
    { ts: T0 + 11 * MIN, total: 13 },
  ]
  const msgs = readings.map((r, i) => message(i, { ...incomer, channel: 'energy', ts: r.ts, total: r.total, medium: 'electricity', seq: i }))

  it('counts nothing for an impossible step, keeps counting a true restart, and reports each excluded interval once', () => {
    const sinks = createSinks()
    const changelog = new Map<string, string>()
    const engine = newEngine()
    for (const m of msgs) {
      engine.apply(m)
      engine.advance(engine.streamTimeMs)
      step(engine, sinks, changelog)
    }
    // The partition goes quiet: the clock finalizes everything (anomalies are sent when final).
    engine.idleTo(T0 + 120 * MIN)
    engine.advance(T0 + 120 * MIN)
    step(engine, sinks, changelog)
    const kwh = linesOf(sinks.influx, 'meter_minute').map(fieldsOf).map((f) => f.electricity_kwh)
    expect(kwh.slice(0, 11)).toEqual([10, 10, 10, 10, 10, 0, 10, 0, 0, 3, 10])
    const intake = linesOf(sinks.influx, 'device_intake_minute').map(fieldsOf).map((f) => f.discontinuities)
    expect(intake.slice(0, 11)).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0])
    expect(sinks.anomalies.map((a) => [a.reason, a.register, a.prev.total, a.next.total, a.next.seq])).toEqual([
      ['rewind', 'electricity', 50_050, 49_700, 6],
      ['implausible_jump', 'electricity', 49_710, 9_049_710, 8],
      ['rewind', 'electricity', 9_049_710, 49_720, 9],
    ])
    expect(sinks.anomalies[0]).toMatchObject({ kind: 'meter', unit: 'kWh', maxPlausibleQty: 25, prev: { ts: T0 + 5 * MIN }, next: { ts: T0 + 6 * MIN } })
  })
})

describe('a partition gone quiet (issue 9)', () => {
  it('finalizes its last minutes and hours by the clock, and refuses what is older than the grace afterwards', () => {
    // Readings every minute 10:00-10:30, then silence. Horizon 30 min: minutes up to 10:59 exist.
    const msgs = Array.from({ length: 31 }, (_, i) => message(i, { ...loom, channel: 'count', ts: T0 + i * MIN, total: i * 700, seq: i }))
    const sinks = createSinks()
    const changelog = new Map<string, string>()
    const engine = newEngine()
    for (const m of msgs) engine.apply(m)
    engine.advance(T0 + 31 * MIN)
    step(engine, sinks, changelog)
    const hour = () => linesOf(sinks.influx, 'machine_hour').map(fieldsOf)[0]
    expect(hour()?.minutes ?? 0).toBeLessThan(60) // event-driven finality leaves the hour open
    const restored = newEngine(changelog)
    restored.idleTo(T0 + 31 * MIN + TEST_OPTIONS.partitionGraceMs + 40 * MIN)
    restored.advance(0)
    step(restored, sinks, changelog)
    expect(hour()).toMatchObject({ minutes: 60, produced_qty: 30 * 700 })
    // The clock time is in the changelog: a restored engine judges a buffered upload by it.
    const again = newEngine(changelog)
    expect(again.partitionTimeMs).toBe(T0 + 31 * MIN + TEST_OPTIONS.partitionGraceMs + 40 * MIN)
    expect(again.apply(message(31, { ...loom, channel: 'count', ts: T0 + 31 * MIN, total: 31 * 700, seq: 31 }))).toBe('too_late')
  })

  it('keeps accepting a buffered upload within the grace of the clock', () => {
    const engine = newEngine()
    engine.apply(message(0, { ...loom, channel: 'count', ts: T0, total: 0, seq: 0 }))
    engine.idleTo(T0 + TEST_OPTIONS.partitionGraceMs - 5 * MIN)
    expect(engine.apply(message(1, { ...loom, channel: 'count', ts: T0 + MIN, total: 700, seq: 1 }))).toBe('accepted')
  })
})
