import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSinks, MIN, newEngine, step } from '../../test/engine-harness.ts'
import { prng, randomStream, shuffleWithin } from '../../test/random-stream.ts'
import { META_KEY, restorePartition } from './changelog-records.ts'
import { decodeDevice, encodeDevice, parseDeltaKey } from './device-codec.ts'
import { maxDeltas } from './device-log.ts'
import type { PartitionEngine } from './partition-engine.ts'

const START = Date.parse('2025-03-11T11:40:00+08:00')

/** The whole state of every device and the meta record, as snapshots without their generation. */
function wholeState(engine: PartitionEngine): Map<string, unknown> {
  return new Map(
    engine.changelog({ all: true }).map((r) => {
      if (r.key === META_KEY || r.key.endsWith('#process')) return [r.key, r.value]
      const { gen: _gen, ...rest } = JSON.parse(r.value) as { gen: number }
      return [r.key, rest]
    }),
  )
}

describe('the device changelog: a snapshot, then deltas (issue 16)', () => {
  it('restores, after every step, exactly the state the live engine holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (streamSeed, stepSeed) => {
        // Late and repeated records too: a delta's samples land in the middle of the kept ones.
        const messages = shuffleWithin(randomStream(streamSeed, START, 120), streamSeed ^ 0x5bd1e995, 100_000, 0.1)
        const rnd = prng(stepSeed)
        const engine = newEngine()
        const changelog = new Map<string, string>()
        const sinks = createSinks()
        let steps = 0
        for (const m of messages) {
          engine.apply(m)
          if (rnd() < 0.6) continue
          engine.advance(engine.streamTimeMs + Math.floor(rnd() * 3 * MIN))
          step(engine, sinks, changelog)
          steps += 1
          // The compacted topic as a restarted task reads it: the latest value of every key.
          const restored = newEngine(changelog)
          expect(wholeState(restored)).toEqual(wholeState(engine))
        }
        expect(steps).toBeGreaterThan(0)
      }),
      { numRuns: 8 },
    )
  }, 240_000)

  it('writes deltas between snapshots, within the bound on deltas, and ignores the stale deltas of older snapshots', () => {
    const messages = randomStream(7, START, 400)
    const engine = newEngine()
    const changelog = new Map<string, string>()
    const written: string[] = []
    for (const m of messages) {
      engine.apply(m)
      engine.advance(engine.streamTimeMs)
      const out = engine.changelog()
      written.push(...out.map((r) => r.key))
      for (const r of out) changelog.set(r.key, r.value)
      engine.commit()
    }
    const loom = 'test-firm/test-plant/weaving/loom-01'
    const snapshots = written.filter((k) => k === loom).length
    const deltas = written.filter((k) => parseDeltaKey(k)?.deviceKey === loom).length
    expect(snapshots).toBeGreaterThan(1)
    expect(deltas).toBeGreaterThan(snapshots * 5)
    const indexes = [...changelog.keys()].flatMap((k) => (parseDeltaKey(k)?.deviceKey === loom ? [parseDeltaKey(k)?.i ?? 0] : []))
    expect(Math.max(...indexes)).toBeLessThanOrEqual(maxDeltas(loom))
    // The topic holds deltas of an older generation beyond the current one's last: restore stops there.
    const current = JSON.parse(changelog.get(loom) as string) as { gen: number }
    const stale = [...changelog].filter(([k, v]) => parseDeltaKey(k)?.deviceKey === loom && (JSON.parse(v) as { gen: number }).gen !== current.gen)
    expect(stale.length).toBeGreaterThan(0)
    expect(wholeState(newEngine(changelog))).toEqual(wholeState(engine))
  })

  it('restores a device from a record of version 4 (no generation, no deltas) as before', () => {
    const engine = newEngine()
    const changelog = new Map<string, string>()
    for (const m of randomStream(11, START, 30)) {
      engine.apply(m)
      engine.advance(engine.streamTimeMs)
      step(engine, createSinks(), changelog)
    }
    const loom = 'test-firm/test-plant/weaving/loom-01'
    const { state } = decodeDevice(engine.changelog({ all: true }).find((r) => r.key === loom)?.value as string)
    const { gen: _gen, ...v4 } = { ...(JSON.parse(encodeDevice(state, 3)) as { gen: number }), v: 4 }
    const restored = decodeDevice(JSON.stringify(v4))
    expect(restored.gen).toBe(0)
    expect(encodeDevice(restored.state)).toBe(encodeDevice(state))
    // Deltas are only read after a snapshot of their own generation.
    const delta = JSON.stringify({ ...(JSON.parse(encodeDevice(state)) as object), gen: 1, i: 1, counts: [[0, 1, null, null]] })
    expect(encodeDevice(decodeDevice(JSON.stringify(v4), new Map([[1, delta]])).state)).toBe(encodeDevice(state))
    expect(restorePartition(new Map([[loom, JSON.stringify(v4)]])).devices).toHaveLength(1)
  })
})
