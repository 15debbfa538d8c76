import { describe, expect, it } from 'vitest'
import { createSinks, fieldsOf, linesOf, message, MIN, newEngine, runUninterrupted, step } from '../../test/engine-harness.ts'

// 2025-03-10 10:00 in Asia/Shanghai, inside shift A of the test plant.
const T0 = Date.parse('2025-03-10T10:00:00+08:00')
const loom = { line: 'weaving', device: 'loom-01' }
const count = (offset: number, minute: number, total: number, seq: number, boot?: string) =>
  message(offset, { ...loom, channel: 'count', ts: T0 + minute * MIN, total, seq, ...(boot === undefined ? {} : { boot }) })

describe('de-duplication by (device, boot, seq) across a device restart (issue 9 §3)', () => {
  it('counts a restarted device whose seq begins again at 0 under a new boot, and a repeated (boot, seq) once', () => {
    const engine = newEngine()
    expect(engine.apply(count(0, 0, 0, 0, 'b1'))).toBe('accepted')
    expect(engine.apply(count(1, 1, 750, 1, 'b1'))).toBe('accepted')
    // The device restarts: its counter and its seq begin again, under a new boot.
    expect(engine.apply(count(2, 2, 0, 0, 'b2'))).toBe('accepted')
    expect(engine.apply(count(3, 3, 750, 1, 'b2'))).toBe('accepted')
    // An MQTT redelivery of the last message: same boot and seq (and ts).
    expect(engine.apply(count(4, 3, 750, 1, 'b2'))).toBe('duplicate')
    // A copy re-stamped by a gateway: same boot and seq, another ts; still one message.
    expect(engine.apply(count(5, 3.5, 750, 1, 'b2'))).toBe('duplicate')
  })

  it('takes the restarted messages for copies when the device sends no boot, which is why boot exists', () => {
    const engine = newEngine()
    engine.apply(count(0, 0, 0, 0))
    engine.apply(count(1, 1, 750, 1))
    expect(engine.apply(count(2, 2, 0, 0))).toBe('duplicate')
  })

  it('adds up the production of both boots in the minutes', () => {
    const msgs = [count(0, 0, 0, 0, 'b1'), count(1, 1, 750, 1, 'b1'), count(2, 2, 0, 0, 'b2'), count(3, 3, 750, 1, 'b2'), count(4, 3, 750, 1, 'b2')]
    const produced = linesOf(runUninterrupted(msgs, T0 + 60 * MIN).influx, 'machine_minute').map(fieldsOf).map((m) => m.produced_qty)
    expect(produced.slice(0, 3)).toEqual([750, 0, 750])
  })

  it('keeps the (boot, seq) index through a changelog restore', () => {
    const changelog = new Map<string, string>()
    const first = newEngine()
    first.apply(count(0, 0, 0, 0, 'b1'))
    first.apply(count(1, 1, 750, 1, 'b1'))
    first.advance(first.streamTimeMs)
    step(first, createSinks(), changelog)
    const restored = newEngine(changelog)
    expect(restored.apply(count(2, 1, 750, 1, 'b1'))).toBe('duplicate')
    expect(restored.apply(count(3, 2, 0, 1, 'b2'))).toBe('accepted')
  })
})
