import type { KeyedRecord } from '../support/aggregator.ts'

/**
 * A scripted day of the test plant (seeds/test-registry.json, Asia/Shanghai, shifts around the
 * clock with breaks 04:00, 12:00 and 20:00 for 30 min) and the minute values it must give,
 * worked out second by second from the script itself, without @millstream/metrics.
 *
 * loom-01 runs at 720 picks/min with stops, setup, idle, an off hour and a planned stop; loom-02
 * runs at 600/min all day but is silent from 14:00:00 to 14:20:00 (its state goes stale at 14:05,
 * and the counter and meter deltas of the gap land whole in 14:19, the minute of the next reading);
 * the plant's electricity incomer draws 360 kW and restarts at 13:00 (counting 0.75 kWh since).
 */
const S = 1000
const MIN = 60 * S
const hms = (t: string) => t.split(':').map(Number).reduce((acc, v) => acc * 60 + v, 0) * S
const DAY_MS = 24 * 3600 * S

type State = 'running' | 'idle' | 'down' | 'setup' | 'planned_stop' | 'off'
interface Segment {
  fromMs: number
  state: State
  reason?: string
}

const LOOM_01: Segment[] = [
  ['00:00:00', 'running'], ['02:00:00', 'off'], ['03:00:00', 'running'], ['04:10:00', 'idle'], ['04:20:00', 'running'],
  ['06:00:00', 'idle', 'no_material'], ['06:30:00', 'running'], ['09:10:30', 'down', 'warp_break'], ['09:12:00', 'running'],
  ['09:30:00', 'down', 'weft_break'], ['09:31:30', 'down', 'warp_break'], ['09:32:00', 'running'], ['10:00:00', 'down'],
  ['10:01:00', 'running'], ['12:10:00', 'down', 'warp_break'], ['12:15:00', 'running'], ['15:00:00', 'setup', 'doffing'],
  ['15:20:00', 'running'], ['22:00:00', 'planned_stop'], ['23:00:00', 'running'],
].map(([t, state, reason]) => ({ fromMs: hms(t as string), state: state as State, ...(reason ? { reason } : {}) }))
const LOOM_02: Segment[] = [{ fromMs: 0, state: 'running' }]
const GAP = { fromMs: hms('14:00:00'), toMs: hms('14:20:00') }
const STALENESS_MS = 5 * MIN
// Within the loom's 4.5 kW rating (issue 9: more is a discontinuity, not consumption; loom-02's
// 20-minute gap must be a plausible step); halves of halves, so every sum stays exact.
const POWER_KW: Record<State, number> = { running: 3.75, idle: 0.9375, down: 0.9375, setup: 0.9375, planned_stop: 0.46875, off: 0 }
const RATE_PER_S = { 'loom-01': 12, 'loom-02': 10 }
const IDEAL_PER_MIN = 750
/** The stream goes on 25 minutes into the next day, so that every minute of the day is final. */
export const STREAM_END_MS = 24 * 3600 * S + 25 * MIN

const segmentAt = (script: Segment[], ms: number) => [...script].reverse().find((s) => s.fromMs <= ms) as Segment
const inBreak = (ms: number) => {
  const m = Math.floor(ms / MIN) % 1440
  return (m >= 240 && m < 270) || (m >= 720 && m < 750) || (m >= 1200 && m < 1230)
}

/**
 * Cumulative picks and kWh of a loom at each second since local midnight. Energy accrues per
 * 30-second block (states only change on :00 or :30), so every reading is a dyadic fraction and
 * every sum exact.
 */
function machineTotals(device: 'loom-01' | 'loom-02', script: Segment[]): { count: number[]; kwh: number[] } {
  const count: number[] = []
  const kwh: number[] = []
  let c = 0
  let e = 0
  for (let t = 0; t <= STREAM_END_MS; t += S) {
    count.push(c)
    kwh.push(e)
    const seg = segmentAt(script, t)
    if (seg.state === 'running') c += RATE_PER_S[device]
    if (t % (30 * S) === 0) e += POWER_KW[seg.state] / 120
  }
  return { count, kwh }
}

export interface DayExpectation {
  /** device -> minute start (epoch ms) -> fields of machine_minute or meter_minute. */
  minutes: Map<string, Map<number, Record<string, number>>>
  /** `device reason` -> minute start -> { count, down_s }. */
  stops: Map<string, Map<number, { count: number; down_s: number }>>
  /** The spinning hall's sensor (process channel, issue 16): readings per gauge within the day, and humidity readings out of 40-80 %RH. */
  process: { humidity: number; temperature: number; outOfRange: number }
}

export function plantDay(dayStartMs: number): { records: KeyedRecord[]; expected: DayExpectation } {
  const records: { ts: number; key: string; value: string }[] = []
  const push = (device: string, line: string, ts: number, body: Record<string, unknown>) => {
    const value = { v: 1, firm: 'test-firm', plant: 'test-plant', line, device, ts: dayStartMs + ts, receivedAt: dayStartMs + ts, ...body }
    records.push({ ts, key: `test-firm/test-plant/${line}/${device}`, value: JSON.stringify(value) })
  }
  const expected: DayExpectation = { minutes: new Map(), stops: new Map(), process: { humidity: 0, temperature: 0, outOfRange: 0 } }
  for (const [device, script] of [['loom-01', LOOM_01], ['loom-02', LOOM_02]] as const) {
    const silent = (ms: number) => device === 'loom-02' && ms > GAP.fromMs && ms < GAP.toMs
    let seq = 0
    const totals = machineTotals(device, script)
    for (let t = 0; t <= STREAM_END_MS; t += S) {
      if (silent(t)) continue
      const seg = segmentAt(script, t)
      const count = totals.count[t / S] as number
      if (script.some((x) => x.fromMs === t) || t % MIN === 0) push(device, 'weaving', t, { channel: 'state', state: seg.state, ...(seg.reason ? { reason: seg.reason } : {}), seq: seq++ })
      if (t % (10 * S) === 0) push(device, 'weaving', t, { channel: 'count', total: count, good: count - Math.floor(count / 120), seq: seq++ })
      if (t % (30 * S) === 0) push(device, 'weaving', t, { channel: 'energy', total: totals.kwh[t / S] as number, medium: 'electricity', power: POWER_KW[seg.state], seq: seq++ })
    }
    expected.minutes.set(device, new Map())
    for (let m = 0; m < 1440; m++) expectMachineMinute({ device, script, totals, startMs: m * MIN, dayStartMs, expected, silent })
  }
  let meterKwh = 0
  const meterMinutes = new Map<number, Record<string, number>>()
  for (let t = 0; t <= STREAM_END_MS; t += 15 * S) {
    if (t === hms('13:00:00')) meterKwh = 0.75 // the meter restarted 2.5 s after 12:59:45... and counts from there
    push('incomer-electricity', 'utilities', t, { channel: 'energy', total: meterKwh, medium: 'electricity', power: 360 })
    meterKwh += 1.5
  }
  for (let m = 0; m < 1440; m++) meterMinutes.set(dayStartMs + m * MIN, { electricity_kwh: m === 779 ? 5.25 : 6, electricity_peak_rate: 360 })
  expected.minutes.set('incomer-electricity', meterMinutes)
  // The hall sensor: humidity every 20 s, temperature every 40 s; every 97th humidity reading is out of range.
  let hallSeq = 0
  for (let t = 0; t <= STREAM_END_MS; t += 20 * S) {
    const i = t / (20 * S)
    const humidity = i % 97 === 0 ? 85.5 : 55 + (i % 40) / 2
    const values: Record<string, number> = t % (40 * S) === 0 ? { humidity, temperature: 26 + (i % 8) / 4 } : { humidity }
    push('hall-sensor-01', 'spinning', t, { channel: 'process', values, seq: hallSeq++ })
    if (t >= DAY_MS) continue
    expected.process.humidity += 1
    if (values.temperature !== undefined) expected.process.temperature += 1
    if (humidity > 80) expected.process.outOfRange += 1
  }
  records.sort((a, b) => a.ts - b.ts)
  return { records: records.map(({ key, value }) => ({ key, value })), expected }
}

interface MinuteInput {
  device: 'loom-01' | 'loom-02'
  script: Segment[]
  totals: { count: number[]; kwh: number[] }
  startMs: number
  dayStartMs: number
  expected: DayExpectation
  silent: (ms: number) => boolean
}

function expectMachineMinute({ device, script, totals, startMs, dayStartMs, expected, silent }: MinuteInput): void {
  const f: Record<string, number> = {}
  for (const k of ['running_s', 'idle_s', 'down_s', 'setup_s', 'planned_stop_s', 'off_s', 'unknown_s', 'apt_s', 'asut_s', 'adet_s', 'adot_s', 'pdt_s', 'nonscheduled_s', 'reasoned_s']) f[k] = 0
  const add = (k: string, v: number) => (f[k] = (f[k] ?? 0) + v)
  const stops = new Map<string, { count: number; down_s: number }>()
  for (let t = startMs; t < startMs + MIN; t += S) {
    // loom-02's last message before the gap is at 14:00:00: it holds 5 minutes, then nothing is known.
    const unknown = device === 'loom-02' && t >= GAP.fromMs + STALENESS_MS && t < GAP.toMs
    const seg = segmentAt(script, t)
    if (unknown) {
      add('unknown_s', 1)
      continue
    }
    add(`${seg.state}_s`, 1)
    const element = { running: 'apt_s', setup: 'asut_s', off: 'nonscheduled_s', planned_stop: 'pdt_s', down: inBreak(t) ? 'pdt_s' : 'adet_s', idle: inBreak(t) ? 'pdt_s' : 'adot_s' }[seg.state]
    add(element, 1)
    if (seg.reason && element !== 'apt_s' && element !== 'nonscheduled_s') add('reasoned_s', 1)
    if (seg.state === 'down') {
      const tally = stops.get(seg.reason ?? 'unspecified') ?? { count: 0, down_s: 0 }
      tally.down_s += 1
      if (seg.fromMs === t) tally.count += 1 // every scripted down segment starts a new stop (state or reason changes)
      stops.set(seg.reason ?? 'unspecified', tally)
    }
  }
  f.stops = [...stops.values()].reduce((n, s) => n + s.count, 0)
  const lumped = device === 'loom-02' && startMs === GAP.toMs - MIN
  const inGap = device === 'loom-02' && startMs >= GAP.fromMs && startMs < GAP.toMs - MIN
  const at = (ms: number) => ({ count: totals.count[ms / S] as number, kwh: totals.kwh[ms / S] as number })
  const from = at(lumped ? GAP.fromMs : startMs)
  const to = at(startMs + MIN)
  const produced = inGap ? 0 : to.count - from.count
  const goodOf = (c: number) => c - Math.floor(c / 120)
  const good = inGap ? 0 : goodOf(to.count) - goodOf(from.count)
  Object.assign(f, {
    produced_qty: produced,
    good_qty: good,
    inspected_qty: produced,
    ideal_qty: ((f.apt_s as number) / 60) * IDEAL_PER_MIN,
    ideal_produced_s: (produced * 60) / IDEAL_PER_MIN,
    // Output revealed after the gap has no known run time: production, not performance (docs/metrics.md 4.4).
    credited_ideal_s: lumped ? 0 : (produced * 60) / IDEAL_PER_MIN,
    ideal_good_s: (good * 60) / IDEAL_PER_MIN,
    ideal_inspected_s: (produced * 60) / IDEAL_PER_MIN,
  })
  // Energy: every 30 s reading interval lies in one state (changes are on :00 or :30).
  let idleKwh = 0
  let offShiftKwh = 0
  if (!inGap && !lumped) {
    for (const t of [startMs, startMs + 30 * S]) {
      const seg = segmentAt(script, t)
      const kwh = POWER_KW[seg.state] / 120
      if (seg.state === 'off') offShiftKwh += kwh
      else if (seg.state !== 'running') idleKwh += kwh
    }
  }
  const energy = inGap ? 0 : to.kwh - from.kwh
  const powers = [0, 30 * S].filter((o) => !silent(startMs + o)).map((o) => POWER_KW[segmentAt(script, startMs + o).state])
  Object.assign(f, { electricity_kwh: energy, electricity_idle_kwh: idleKwh, electricity_offshift_kwh: offShiftKwh, electricity_peak_rate: Math.max(0, ...powers) })
  expected.minutes.get(device)?.set(dayStartMs + startMs, f)
  for (const [reason, s] of stops) {
    const key = `${device} ${reason}`
    if (!expected.stops.has(key)) expected.stops.set(key, new Map())
    expected.stops.get(key)?.set(dayStartMs + startMs, s)
  }
}
