import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalChanges } from './canonical-changes.ts'
import { TIMELINE_STATES, type StateChange } from './machine-state.ts'

const arbChanges = fc.array(
  fc.record({ tsMs: fc.integer({ min: 0, max: 20 }).map((t) => t * 1000), state: fc.constantFrom(...TIMELINE_STATES), seq: fc.integer({ min: 0, max: 5 }) }),
  { maxLength: 30 },
)

describe('canonical state changes', () => {
  it('keeps one message per instant, the one with the higher seq, in whatever order they came', () => {
    const early = { tsMs: 1000, state: 'running', seq: 1 } as const
    const late = { tsMs: 1000, state: 'down', seq: 2 } as const
    expect(canonicalChanges([late, early])).toEqual([late])
    expect(canonicalChanges([early, late])).toEqual([late])
  })

  it('is the same for every arrival order, and what it returns is already canonical: one per instant, in order', () => {
    fc.assert(
      fc.property(arbChanges, fc.nat(), (changes: StateChange[], seed) => {
        const shuffled = changes.map((c, i) => ({ c, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((x) => x.c)
        const canonical = canonicalChanges(changes)
        expect(canonicalChanges(shuffled)).toEqual(canonical)
        for (let i = 1; i < canonical.length; i++) expect(canonical[i]!.tsMs).toBeGreaterThan(canonical[i - 1]!.tsMs)
        // Canonical input is its own canonical form (the aggregator's case: returned without a copy).
        expect(canonicalChanges(canonical)).toEqual(canonical)
      }),
    )
  })
})
