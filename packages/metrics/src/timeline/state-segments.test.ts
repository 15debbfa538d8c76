import { MACHINE_STATES as CONTRACT_STATES, REPORTED_STATES } from '@millstream/contract'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MACHINE_STATES, TIMELINE_STATES, type StateChange } from './machine-state.ts'
import { splitDurations, splitDurationsByWindows } from './split-durations.ts'
import { stateEpisodes, unknownEntries } from './state-episodes.ts'
import { stateSegments } from './state-segments.ts'

const M = 60_000
const opts = { stalenessMs: 5 * M }

describe('state timeline', () => {
  it('knows the same machine states as the wire contract', () => {
    expect([...MACHINE_STATES]).toEqual([...CONTRACT_STATES])
    expect([...TIMELINE_STATES]).toEqual([...REPORTED_STATES])
  })

  it('turns a reported unknown (a Sparkplug death) into unknown at once, until the next message', () => {
    const changes: StateChange[] = [
      { tsMs: 0, state: 'running' },
      { tsMs: 2.5 * M, state: 'unknown', reason: 'edge_node_death' },
      { tsMs: 20 * M, state: 'running' },
    ]
    // Without the report, running would hold until the staleness limit (5 min); 17.5 min of unknown, never 5 min.
    expect(splitDurations(changes, { startMs: 0, endMs: 21 * M }, opts)).toMatchObject({ running: 3.5 * M, unknown: 17.5 * M })
    expect(stateSegments(changes, { startMs: 0, endMs: 21 * M }, opts)).toEqual([
      { startMs: 0, endMs: 2.5 * M, state: 'running' },
      { startMs: 2.5 * M, endMs: 20 * M, state: 'unknown', reason: 'edge_node_death' },
      { startMs: 20 * M, endMs: 21 * M, state: 'running' },
    ])
  })

  it('neither starts nor ends a stop at a reported unknown, and counts the loss once through repeats', () => {
    const changes: StateChange[] = [
      { tsMs: 0, state: 'down', reason: 'warp_break' },
      { tsMs: 1 * M, state: 'unknown', reason: 'edge_node_death' },
      { tsMs: 2 * M, state: 'unknown' },
      { tsMs: 3 * M, state: 'down', reason: 'warp_break' },
      { tsMs: 4 * M, state: 'unknown', reason: 'device_death' },
    ]
    expect(stateEpisodes(changes, { startMs: 0, endMs: 10 * M })).toEqual([{ tsMs: 0, state: 'down', reason: 'warp_break' }])
    expect(unknownEntries(changes, { startMs: 0, endMs: 10 * M })).toEqual([{ tsMs: 1 * M, reason: 'edge_node_death' }, { tsMs: 4 * M, reason: 'device_death' }])
    expect(unknownEntries(changes, { startMs: 2 * M, endMs: 4 * M })).toEqual([])
    expect(unknownEntries([{ tsMs: 0, state: 'unknown' }], { startMs: 0, endMs: M })).toEqual([{ tsMs: 0 }])
  })

  it('holds a state until the next message and splits it exactly at window edges', () => {
    const changes: StateChange[] = [
      { tsMs: 0, state: 'running' },
      { tsMs: 2 * M, state: 'running' }, // heartbeat
      { tsMs: 4 * M, state: 'down', reason: 'warp_break' },
      { tsMs: 6.5 * M, state: 'running' },
    ]
    const byMinute = splitDurationsByWindows(changes, [0, 1, 2, 3, 4, 5, 6].map((i) => ({ startMs: i * M, endMs: (i + 1) * M })), opts)
    expect(byMinute.map((d) => d.running / 1000)).toEqual([60, 60, 60, 60, 0, 0, 30])
    expect(byMinute.map((d) => d.down / 1000)).toEqual([0, 0, 0, 0, 60, 60, 30])
    expect(stateSegments(changes, { startMs: 0, endMs: 7 * M }, opts)).toEqual([
      { startMs: 0, endMs: 4 * M, state: 'running' },
      { startMs: 4 * M, endMs: 6.5 * M, state: 'down', reason: 'warp_break' },
      { startMs: 6.5 * M, endMs: 7 * M, state: 'running' },
    ])
  })

  it('turns time beyond the staleness limit into unknown, never running', () => {
    const d = splitDurations([{ tsMs: 0, state: 'running' }, { tsMs: 20 * M, state: 'idle' }], { startMs: 0, endMs: 30 * M }, opts)
    // 0-5 running, 5-20 silent, 20-25 idle, 25-30 silent again.
    expect(d).toMatchObject({ running: 5 * M, unknown: 20 * M, idle: 5 * M })
    expect(d.unknown + d.running + d.idle).toBe(30 * M)
  })

  it('reports a window with no data at all as entirely unknown', () => {
    const window = { startMs: 60 * M, endMs: 61 * M }
    expect(splitDurations([], window, opts).unknown).toBe(M)
    expect(splitDurations([{ tsMs: 0, state: 'running' }], window, opts)).toMatchObject({ unknown: M, running: 0 })
  })

  it('carries the last state from before the window into it', () => {
    const d = splitDurations([{ tsMs: 0, state: 'setup' }, { tsMs: 10 * M, state: 'running' }], { startMs: 3 * M, endMs: 12 * M }, { stalenessMs: 60 * M })
    expect(d).toMatchObject({ setup: 7 * M, running: 2 * M, unknown: 0 })
  })

  it('can hold a declared state such as off without heartbeats', () => {
    const d = splitDurations([{ tsMs: 0, state: 'off' }], { startMs: 0, endMs: 60 * M }, { ...opts, heldStates: ['off'] })
    expect(d).toMatchObject({ off: 60 * M, unknown: 0 })
  })

  it('counts a stop once, in the window where it began, through heartbeats and gaps', () => {
    const changes: StateChange[] = [
      { tsMs: 0, state: 'running' },
      { tsMs: 1 * M, state: 'down', reason: 'weft_break' },
      { tsMs: 2 * M, state: 'down', reason: 'weft_break' },
      { tsMs: 30 * M, state: 'down', reason: 'weft_break' },
      { tsMs: 31 * M, state: 'down', reason: 'warp_break' },
      { tsMs: 32 * M, state: 'running' },
    ]
    expect(stateEpisodes(changes, { startMs: 0, endMs: 40 * M }).filter((e) => e.state === 'down')).toEqual([
      { tsMs: 1 * M, state: 'down', reason: 'weft_break' },
      { tsMs: 31 * M, state: 'down', reason: 'warp_break' },
    ])
    expect(stateEpisodes(changes, { startMs: 2 * M, endMs: 31 * M })).toEqual([])
  })
})

const arbChanges = fc.array(
  fc.record({ tsMs: fc.integer({ min: 0, max: 120 * M }), state: fc.constantFrom(...TIMELINE_STATES), seq: fc.option(fc.nat(), { nil: undefined }) }),
  { maxLength: 40 },
)

describe('state timeline properties', () => {
  it('conserves total time when split at any set of boundaries', () => {
    fc.assert(
      fc.property(arbChanges, fc.uniqueArray(fc.integer({ min: 1, max: 150 * M - 1 }), { maxLength: 30 }), fc.integer({ min: M, max: 60 * M }), (changes, cuts, stalenessMs) => {
        const edges = [0, ...cuts.sort((a, b) => a - b), 150 * M]
        const windows = edges.slice(1).map((endMs, i) => ({ startMs: edges[i]!, endMs }))
        const parts = splitDurationsByWindows(changes, windows, { stalenessMs })
        const whole = splitDurations(changes, { startMs: 0, endMs: 150 * M }, { stalenessMs })
        for (const state of TIMELINE_STATES) {
          expect(parts.reduce((sum, d) => sum + d[state], 0)).toBe(whole[state])
        }
        parts.forEach((d, i) => expect(Object.values(d).reduce((a, b) => a + b, 0)).toBe(windows[i]!.endMs - windows[i]!.startMs))
      }),
    )
  })

  it('gives the same durations whatever the arrival order and however often a message repeats', () => {
    fc.assert(
      fc.property(arbChanges, fc.array(fc.nat(), { maxLength: 10 }), fc.nat(), (changes, dupIdx, seed) => {
        const noisy = [...changes, ...dupIdx.flatMap((i) => (changes.length ? [changes[i % changes.length]!] : []))]
        const shuffled = noisy.map((c, i) => ({ c, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((x) => x.c)
        const window = { startMs: 10 * M, endMs: 100 * M }
        expect(splitDurations(shuffled, window, opts)).toEqual(splitDurations(changes, window, opts))
        expect(stateEpisodes(shuffled, window)).toEqual(stateEpisodes(changes, window))
        expect(unknownEntries(shuffled, window)).toEqual(unknownEntries(changes, window))
      }),
    )
  })
})
