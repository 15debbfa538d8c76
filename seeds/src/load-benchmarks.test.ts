import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BENCHMARKS_PATH, loadBenchmarks } from './load-benchmarks.ts'
import { loadRegistry, DEMO_REGISTRY_PATH } from './load-registry.ts'

const rows = () => loadBenchmarks().rows
const row = (id: string) => rows().find((r) => r.id === id)

describe('the benchmark rows', () => {
  it('validate against the contract schema and carry a version', () => {
    expect(loadBenchmarks().version).toMatch(/^benchmarks-/)
  })

  it('hold GB 36889-2025 viscose staple 800 / 900 / 950 kgce/t, per t of fibre, as a secondary source with grade meaning unverified', () => {
    expect(row('gb36889-2025.viscose_staple')).toMatchObject({
      standard: 'GB 36889-2025', unit: 'kgce/t', basis: { countUnit: 'kg', perQty: 1000, label: 't' },
      grades: { grade1: 800, grade2: 900, grade3: 950 }, limit: 950, limitIs: 'grade3', status: 'secondary', gradeMeaningStatus: 'unverified',
    })
  })

  it('hold the dyeing norm as one ceiling per 100 m: 30 kgce and 1.6 t fresh water, without an advanced grade', () => {
    expect(row('dyeing-norms-2017.woven.energy')).toMatchObject({ limit: 30, limitIs: 'ceiling', grades: { grade1: null, grade2: null, grade3: null }, basis: { countUnit: 'm', perQty: 100 }, status: 'secondary' })
    expect(row('dyeing-norms-2017.woven.fresh_water')).toMatchObject({ quantity: 'fresh_water', limit: 1.6, unit: 't/100 m' })
  })

  it('mark no figure verified: the reference notes read none of them in the norm itself', () => {
    expect(rows().filter((r) => r.status === 'verified')).toEqual([])
  })

  it('cover the demo family whose output a sourced row measures: the viscose staple fibre (the knit dye house has no sourced quota)', () => {
    const families = new Set(loadRegistry(DEMO_REGISTRY_PATH).firms.flatMap((f) => f.plants.flatMap((p) => p.lines.flatMap((l) => (l.productFamily ? [l.productFamily] : [])))))
    const covered = rows().filter((r) => r.quantity === 'energy' && families.has(r.productFamily)).map((r) => r.productFamily).sort()
    expect(covered).toEqual(['viscose_staple'])
  })

  it('refuse a file whose grades fall from grade 1 to grade 3 or whose limit is not grade 3', () => {
    const set = JSON.parse(readFileSync(BENCHMARKS_PATH, 'utf8')) as { rows: { grades: { grade1: number | null }; limit: number }[] }
    const dir = mkdtempSync(join(tmpdir(), 'benchmarks-'))
    const bad = structuredClone(set)
    ;(bad.rows[0] as { grades: { grade1: number | null } }).grades.grade1 = 99_999
    writeFileSync(join(dir, 'a.json'), JSON.stringify(bad))
    expect(() => loadBenchmarks(join(dir, 'a.json'))).toThrow(/grades must not fall|grade 1 above the limit/)
    const off = structuredClone(set)
    ;(off.rows[0] as { limit: number }).limit = 1
    writeFileSync(join(dir, 'b.json'), JSON.stringify(off))
    expect(() => loadBenchmarks(join(dir, 'b.json'))).toThrow(/limitIs grade3/)
  })
})
