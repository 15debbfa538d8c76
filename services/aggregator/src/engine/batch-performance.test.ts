import { describe, expect, it } from 'vitest'
import { fieldsOf, linesOf, message, MIN, runUninterrupted } from '../../test/engine-harness.ts'

// 2025-03-10 08:00 in Asia/Shanghai: the test plant's shift A starts.
const T0 = Date.parse('2025-03-10T08:00:00+08:00')
const dyer = { line: 'dyeing', device: 'jd-01' }
const IDEAL_PER_MIN = 1.39 // registry jd-01; batchQty 500

/**
 * A jet dyer at 0.88 of its ideal rate: 500 kg take 500 / (1.39 × 0.88) = 408.8 min of running,
 * then 30 min to unload and load. It was first seen 100 min into a batch. State heartbeats every
 * minute, count readings every 30 s.
 */
function dyerDay(hours: number) {
  const batchMs = (500 / (IDEAL_PER_MIN * 0.88)) * MIN
  const ends: number[] = []
  const states: { ts: number; state: 'running' | 'setup' }[] = []
  let t = T0 - 100 * MIN
  for (let n = 0; t < T0 + hours * 60 * MIN; n++) {
    states.push({ ts: n === 0 ? T0 : t, state: 'running' })
    t += batchMs
    ends.push(t)
    states.push({ ts: t, state: 'setup' })
    t += 30 * MIN
  }
  const msgs = []
  let offset = 0
  const stateAt = (ts: number) => [...states].reverse().find((s) => s.ts <= ts) ?? states[0]!
  for (let ts = T0; ts < T0 + hours * 60 * MIN; ts += 30_000) {
    const total = 10_000 + 500 * ends.filter((e) => e <= ts).length
    msgs.push(message(offset++, { ...dyer, channel: 'count', ts, total, seq: offset }))
    if (ts % MIN === 0) msgs.push(message(offset++, { ...dyer, channel: 'state', ts: ts + 1, state: stateAt(ts).state, seq: offset, ...(stateAt(ts).state === 'setup' ? { reason: 'unload_load' } : {}) }))
  }
  for (const s of states) if (s.ts >= T0) msgs.push(message(offset++, { ...dyer, channel: 'state', ts: Math.round(s.ts), state: s.state, seq: offset, ...(s.state === 'setup' ? { reason: 'unload_load' } : {}) }))
  msgs.sort((a, b) => Number(JSON.parse(String(a.value)).ts) - Number(JSON.parse(String(b.value)).ts))
  return { msgs: msgs.map((m, i) => ({ ...m, offset: String(i) })), ends }
}

const sum = (rows: Record<string, number>[], field: string) => rows.reduce((n, r) => n + (r[field] ?? 0), 0)

describe('a batch machine\'s performance in the aggregator', () => {
  it('credits each batch with its run time in the minute it ends, leaving out the batch it first saw', () => {
    const { msgs, ends } = dyerDay(21)
    const minutes = linesOf(runUninterrupted(msgs, T0 + 22 * 60 * MIN).influx, 'machine_minute').filter((l) => l.includes('machine=jd-01')).map(fieldsOf)
    const credited = minutes.filter((m) => (m.produced_qty ?? 0) > 0)
    // The first batch (started before the data) is produced but not credited; the next two are.
    expect(ends.filter((e) => e < T0 + 21 * 60 * MIN)).toHaveLength(3)
    expect(sum(minutes, 'produced_qty')).toBeCloseTo(1_500, 6)
    expect(sum(credited, 'credited_ideal_s')).toBeCloseTo((1_000 / IDEAL_PER_MIN) * 60, 6)
    const p = sum(minutes, 'credited_ideal_s') / sum(minutes, 'credited_apt_s')
    expect(p).toBeCloseTo(0.88, 3)
    // Minutes that credit nothing carry no credited time, though the dyer ran in them.
    const running = minutes.filter((m) => (m.apt_s ?? 0) === 60 && (m.produced_qty ?? 0) === 0)
    expect(running.length).toBeGreaterThan(600)
    expect(running.every((m) => m.credited_apt_s === 0 && m.credited_ideal_s === 0)).toBe(true)
  })
})
