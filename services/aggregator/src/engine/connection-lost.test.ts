import { connectionLostRecordSchema } from '@millstream/contract'
import { describe, expect, it } from 'vitest'
import { fieldsOf, linesOf, message, MIN, runUninterrupted } from '../../test/engine-harness.ts'

// 2025-03-10 10:00 in Asia/Shanghai, as in partition-engine.test.ts.
const T0 = Date.parse('2025-03-10T10:00:00+08:00')
const LOOM = { line: 'weaving', device: 'loom-01' } as const

describe('a reported loss of the live state (a Sparkplug death, issue 16)', () => {
  it('makes the machine unknown from the death to its next state, counts one loss and sends one connection_lost event', () => {
    const sinks = runUninterrupted([
      message(0, { ...LOOM, channel: 'state', ts: T0, state: 'running' }),
      message(1, { ...LOOM, channel: 'state', ts: T0 + 90_000, state: 'unknown', reason: 'edge_node_death' }),
      message(2, { ...LOOM, channel: 'state', ts: T0 + 90_000 + 10_000, state: 'unknown', reason: 'edge_node_death' }), // a repeat: the same loss
      message(3, { ...LOOM, channel: 'state', ts: T0 + 4 * MIN, state: 'running' }),
      // Later data moves the device's frontier on, so the minutes of the loss become final (events are sent then).
      message(4, { ...LOOM, channel: 'state', ts: T0 + 20 * MIN, state: 'running' }),
    ], T0 + 120 * MIN)
    const minutes = linesOf(sinks.influx, 'machine_minute').map(fieldsOf).slice(0, 5)
    // Without the report, running would hold to the staleness limit (5 min): no unknown at all here.
    expect(minutes.map((f) => [f.running_s, f.unknown_s])).toEqual([[60, 0], [30, 30], [0, 60], [0, 60], [60, 0]])
    expect(minutes.map((f) => f.apt_s)).toEqual([60, 30, 0, 0, 60])
    const intake = linesOf(sinks.influx, 'device_intake_minute').filter((l) => l.includes('device=loom-01')).map(fieldsOf).slice(0, 5)
    expect(intake.map((f) => f.connection_losses)).toEqual([0, 1, 0, 0, 0])
    expect(sinks.connectionLosses).toEqual([{ v: 1, reason: 'connection_lost', firm: 'test-firm', plant: 'test-plant', line: 'weaving', device: 'loom-01', kind: 'machine', ts: T0 + 90_000, cause: 'edge_node_death' }])
    expect(connectionLostRecordSchema.safeParse(sinks.connectionLosses[0]).success).toBe(true)
  })
})
