import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAckWindow } from './ack-window.ts'

describe('ack window', () => {
  it('acknowledges in arrival order whatever order the writes complete in', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }).map((xs) => xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]).map(([, i]) => i)), (completionOrder) => {
        const acked: number[] = []
        const window = createAckWindow<number>({ capacity: 100, ack: (n) => acked.push(n) })
        const tickets = completionOrder.map((_, i) => window.admit(i, true))
        for (const i of completionOrder) window.settle(tickets[i] as (typeof tickets)[number])
        expect(acked).toEqual(completionOrder.map((_, i) => i))
        expect(window.size).toBe(0)
      }),
    )
  })

  it('holds an acknowledgement until both the write and the ack packet are there', () => {
    const acked: string[] = []
    const window = createAckWindow<string>({ capacity: 10, ack: (s) => acked.push(s) })
    const a = window.admit('placeholder')
    window.settle(a)
    expect(acked).toEqual([])
    window.markReady(a, 'puback-1')
    expect(acked).toEqual(['puback-1'])
  })

  it('never acknowledges what was open when the connection reset', () => {
    const acked: number[] = []
    const window = createAckWindow<number>({ capacity: 10, ack: (n) => acked.push(n) })
    const old = window.admit(1, true)
    expect(window.reset()).toBe(1)
    window.settle(old)
    const fresh = window.admit(2, true)
    window.settle(fresh)
    expect(acked).toEqual([2])
  })

  it('reports full at capacity and calls back when room frees', () => {
    const window = createAckWindow<number>({ capacity: 2, ack: () => {} })
    const t1 = window.admit(1, true)
    window.admit(2, true)
    expect(window.full).toBe(true)
    let resumed = false
    window.onSpace(() => (resumed = true))
    expect(resumed).toBe(false)
    window.settle(t1)
    expect(resumed).toBe(true)
    expect(window.full).toBe(false)
  })
})
