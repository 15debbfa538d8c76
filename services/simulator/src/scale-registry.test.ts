import { DEMO_REGISTRY_PATH, loadRegistry } from '@millstream/seeds'
import { describe, expect, it } from 'vitest'
import { scaleRegistry } from './scale-registry.ts'

const demo = loadRegistry(DEMO_REGISTRY_PATH)
const plantIds = (r: typeof demo) => r.firms.flatMap((f) => f.plants.map((p) => `${f.id}/${p.id}`))
const machineCount = (r: typeof demo) => r.firms.flatMap((f) => f.plants.flatMap((p) => p.lines.flatMap((l) => l.machines))).length

describe('scaleRegistry', () => {
  it('keeps only the selected firms and plants', () => {
    expect(plantIds(scaleRegistry(demo, { plants: ['dean-textile', 'fengxin-yarn/fengxin-1'] }))).toEqual(['fengxin-yarn/fengxin-1', 'dean-textile/dean-1'])
    expect(scaleRegistry(demo, {})).toEqual(demo)
  })

  it('copies plants under new ids so the copies are valid registry plants', () => {
    const scaled = scaleRegistry(demo, { plants: ['lianxi-fibre'], plantCopies: 3 })
    expect(plantIds(scaled)).toEqual(['lianxi-fibre/lianxi-1', 'lianxi-fibre/lianxi-1-c2', 'lianxi-fibre/lianxi-1-c3'])
    expect(machineCount(scaled)).toBe(3 * 18)
  })

  it('resizes every production line, leaving the utilities line without machines', () => {
    const scaled = scaleRegistry(demo, { plants: ['dean-textile'], machinesPerLine: 20 })
    const lines = scaled.firms[0]!.plants[0]!.lines
    for (const line of lines) expect(line.machines.length).toBe(line.process === 'utilities' ? 0 : 20)
    const dyeing = lines.find((l) => l.id === 'dyeing')!
    expect(dyeing.machines.map((m) => m.id).slice(7, 10)).toEqual(['jd-08', 'jd-01-c2', 'jd-02-c2'])
    expect(machineCount(scaleRegistry(demo, { machinesPerLine: 1 }))).toBe(demo.firms.flatMap((f) => f.plants.flatMap((p) => p.lines.filter((l) => l.machines.length > 0))).length)
  })

  it('refuses a selector that matches no plant', () => {
    expect(() => scaleRegistry(demo, { plants: ['nowhere'] })).toThrow(/no plant matches "nowhere"/)
    expect(() => scaleRegistry(demo, { plants: ['dean-textile/dean-9'] })).toThrow(/dean-textile\/dean-9/)
  })
})
