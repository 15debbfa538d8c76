import { describe, expect, it } from 'vitest'
import { mayRead, type DataClass, type Principal } from './principal.ts'

const CLASSES: DataClass[] = ['registry', 'telemetry', 'energy', 'energy_totals', 'scores']
const shares = (firm: string) => (firm === 'a' ? (['scores', 'energy_totals'] as const) : [])
const who = (p: Partial<Principal> & Pick<Principal, 'role'>): Principal => ({ subject: 's', firms: [], plants: [], ...p })

describe('mayRead', () => {
  it('keeps a plant manager to its plants and an energy officer to its firm', () => {
    const pm = who({ role: 'plant_manager', plants: [{ firm: 'a', plant: 'p1' }] })
    for (const c of CLASSES) {
      expect(mayRead(pm, { firm: 'a', plant: 'p1' }, c, shares)).toBe(true)
      expect(mayRead(pm, { firm: 'a', plant: 'p2' }, c, shares)).toBe(false)
      expect(mayRead(pm, { firm: 'b', plant: 'p1' }, c, shares)).toBe(false)
    }
    const eo = who({ role: 'energy_officer', firms: ['a'] })
    expect(mayRead(eo, { firm: 'a', plant: 'any' }, 'telemetry', shares)).toBe(true)
    expect(mayRead(eo, { firm: 'b', plant: 'any' }, 'registry', shares)).toBe(false)
  })

  it('gives the platform role only what a firm shares, never telemetry or per-line energy', () => {
    const platform = who({ role: 'platform' })
    expect(CLASSES.filter((c) => mayRead(platform, { firm: 'a', plant: 'x' }, c, shares))).toEqual(['registry', 'energy_totals', 'scores'])
    expect(CLASSES.filter((c) => mayRead(platform, { firm: 'b', plant: 'x' }, c, shares))).toEqual([])
  })

  it('limits an API key to its scopes even for admin', () => {
    const key = who({ role: 'admin', scopes: ['energy_totals'] })
    expect(CLASSES.filter((c) => mayRead(key, { firm: 'a' }, c, shares))).toEqual(['energy_totals'])
  })
})
