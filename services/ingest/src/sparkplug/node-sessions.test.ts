import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNodeSessions } from './node-sessions.ts'
import type { SparkplugPayload } from './sparkplug-payload-decode.ts'

const N = 'g/e'
const birth = (seq: number, bdSeq = 0): SparkplugPayload => ({ seq, metrics: [{ name: 'bdSeq', type: 'UInt64', value: bdSeq, isNull: false }] })
const dbirth = (seq: number): SparkplugPayload => ({ seq, metrics: [{ name: 'Count/Total', alias: 7, type: 'UInt64', value: 1, isNull: false }] })
const data = (seq: number): SparkplugPayload => ({ seq, metrics: [] })

describe('node sessions (Sparkplug B 3.0 seq and bdSeq)', () => {
  it('sees no gap in any run of consecutive seqs that wraps past 255, and exactly one where one message is lost', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 3, max: 600 }), fc.nat(), (start, length, lostAt) => {
        // Messages 2..length of a node born with `start`; `lost` (never the last) goes missing in the second run.
        const lost = 2 + (lostAt % (length - 2))
        const gaps = (skip: number | undefined) => {
          const sessions = createNodeSessions()
          sessions.nodeBirth(N, birth(start))
          sessions.deviceBirth(N, 'd', dbirth((start + 1) % 256))
          let n = 0
          for (let i = 2; i <= length; i++) {
            if (i === skip) continue
            const step = sessions.data(N, 'd', data((start + i) % 256))
            if (step.ok && step.seq.gap) n += 1
          }
          return n
        }
        expect(gaps(undefined)).toBe(0)
        expect(gaps(lost)).toBe(1)
      }),
    )
  })

  it('resolves aliases from the DBIRTH and refuses data of a device or node it has not seen born', () => {
    const sessions = createNodeSessions()
    expect(sessions.data(N, 'd', data(0))).toEqual({ ok: false, why: 'no_node_birth' })
    sessions.nodeBirth(N, birth(0))
    expect(sessions.data(N, 'd', data(1))).toEqual({ ok: false, why: 'no_device_birth' })
    sessions.deviceBirth(N, 'd', dbirth(2))
    const step = sessions.data(N, 'd', data(3))
    expect(step.ok && step.aliases.get(7)).toBe('Count/Total')
  })

  it('ends a session only on the NDEATH whose bdSeq is the birth\'s, and forgets devices with it', () => {
    const sessions = createNodeSessions()
    sessions.nodeBirth(N, birth(0, 4))
    sessions.deviceBirth(N, 'd', dbirth(1))
    expect(sessions.nodeDeath(N, birth(0, 3))).toEqual({ ended: false, devices: [] })
    expect(sessions.isAlive(N)).toBe(true)
    expect(sessions.nodeDeath(N, birth(0, 4))).toEqual({ ended: true, devices: ['d'] })
    expect(sessions.data(N, 'd', data(2))).toEqual({ ok: false, why: 'no_node_birth' })
  })

  it('ends with an NDEATH the devices born in its session and still alive, not those whose aliases it only keeps (issue 16)', () => {
    const sessions = createNodeSessions()
    sessions.nodeBirth(N, birth(0, 1))
    for (const d of ['a', 'b', 'c']) sessions.deviceBirth(N, d, dbirth(1))
    sessions.nodeBirth(N, birth(0, 2)) // a rebirth: a, b and c keep their aliases, but only b and c are born again
    sessions.deviceBirth(N, 'b', dbirth(1))
    sessions.deviceBirth(N, 'c', dbirth(2))
    expect(sessions.deviceDeath(N, 'c', data(3))).toMatchObject({ ok: true })
    expect(sessions.nodeDeath(N, birth(0, 2))).toEqual({ ended: true, devices: ['b'] })
    sessions.restore(N, new Map([['r', new Map([[7, 'Count/Total']])]]))
    expect(sessions.nodeDeath(N, birth(0, 9))).toEqual({ ended: true, devices: ['r'] })
  })

  it('keeps a device\'s aliases across an NBIRTH until its own DBIRTH replaces them (DATA queued from the session before)', () => {
    const sessions = createNodeSessions()
    sessions.nodeBirth(N, birth(0))
    sessions.deviceBirth(N, 'd', dbirth(1))
    sessions.nodeBirth(N, birth(0, 1))
    const late = sessions.data(N, 'd', data(2))
    expect(late.ok && late.aliases.get(7)).toBe('Count/Total')
    sessions.deviceBirth(N, 'd', { seq: 1, metrics: [{ name: 'Count/Good', alias: 7, type: 'UInt64', value: null, isNull: true }] })
    const fresh = sessions.data(N, 'd', data(2))
    expect(fresh.ok && fresh.aliases.get(7)).toBe('Count/Good')
  })

  it('restores a node from its births after a restart: data is read at once, marked restored until the next NBIRTH', () => {
    const sessions = createNodeSessions()
    sessions.restore(N, new Map([['d', new Map([[7, 'Count/Total']])]]))
    const first = sessions.data(N, 'd', data(42))
    expect(first).toMatchObject({ ok: true, restored: true, seq: { gap: false } })
    expect(first.ok && first.aliases.get(7)).toBe('Count/Total')
    expect(sessions.data(N, 'd', data(44))).toMatchObject({ ok: true, seq: { gap: true, expected: 43, got: 44 } })
    expect(sessions.data(N, 'other', data(45))).toEqual({ ok: false, why: 'no_device_birth' })
    sessions.nodeBirth(N, birth(0))
    expect(sessions.data(N, 'd', data(1))).toMatchObject({ ok: true, restored: false })
  })

  it('does not let a restore overwrite a session already born in this process', () => {
    const sessions = createNodeSessions()
    sessions.nodeBirth(N, birth(0))
    sessions.deviceBirth(N, 'd', dbirth(1))
    sessions.restore(N, new Map([['d', new Map([[7, 'Count/Good']])]]))
    const step = sessions.data(N, 'd', data(2))
    expect(step).toMatchObject({ ok: true, restored: false })
    expect(step.ok && step.aliases.get(7)).toBe('Count/Total')
  })
})
