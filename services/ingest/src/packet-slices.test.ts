import { describe, expect, it } from 'vitest'
import { createPacketSlices } from './packet-slices.ts'

/** A clock and an event loop turned by hand. */
function harness() {
  let t = 0
  const turns: (() => void)[] = []
  let running = true
  const slices = createPacketSlices({ sliceMs: 20, running: () => running, now: () => t, defer: (fn) => turns.push(fn) })
  const nextTurn = () => turns.splice(0).forEach((fn) => fn())
  return { slices, advance: (ms: number) => (t += ms), nextTurn, stop: () => (running = false), pending: () => turns.length }
}

describe('packet slices', () => {
  it('reads on at once within a slice and on the next turn after it, which starts a new slice', () => {
    const h = harness()
    const read: number[] = []
    h.advance(19)
    h.slices.goAhead(() => read.push(1))
    expect(read).toEqual([1])
    h.advance(1)
    h.slices.goAhead(() => read.push(2))
    expect(read).toEqual([1])
    h.nextTurn()
    expect(read).toEqual([1, 2])
    h.advance(5)
    h.slices.goAhead(() => read.push(3))
    expect(read).toEqual([1, 2, 3])
  })

  it('drops a deferred go-ahead whose connection went before its turn, and not the next connection\'s', () => {
    const h = harness()
    const read: string[] = []
    h.advance(25)
    h.slices.goAhead(() => read.push('old'))
    h.slices.connectionGone()
    h.nextTurn()
    expect(read).toEqual([])
    h.advance(25)
    h.slices.goAhead(() => read.push('new'))
    h.nextTurn()
    expect(read).toEqual(['new'])
  })

  it('drops a deferred go-ahead once the source stops', () => {
    const h = harness()
    const read: string[] = []
    h.advance(25)
    h.slices.goAhead(() => read.push('late'))
    h.stop()
    h.nextTurn()
    expect(read).toEqual([])
    expect(h.pending()).toBe(0)
  })
})
