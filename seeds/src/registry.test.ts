import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ID_PATTERN, MACHINE_TYPES, registryLoadProblems, type Registry } from '@millstream/contract'
import { buildDemoRegistry, buildTestRegistry, toJson } from '../scripts/registries.ts'
import { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH, RegistryLoadError, loadRegistry, parseRegistry } from './load-registry.ts'

const registries: [string, string][] = [
  ['demo', DEMO_REGISTRY_PATH],
  ['test', TEST_REGISTRY_PATH],
]

const plantsOf = (r: Registry) => r.firms.flatMap((firm) => firm.plants.map((plant) => ({ firm, plant })))
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

describe.each(registries)('the %s registry', (_name, path) => {
  const registry = loadRegistry(path)

  it('validates against the contract registry schema', () => {
    expect(registry.version).toBe(1)
  })

  it('gives every register a physical maximum, and a loader refuses a meter without one (issue 9)', () => {
    expect(registryLoadProblems(registry)).toEqual([])
    const bare = JSON.parse(readFileSync(path, 'utf8')) as { firms: { plants: { meters: { maxFlowPerH?: number }[] }[] }[] }
    delete bare.firms[0]?.plants[0]?.meters[0]?.maxFlowPerH
    expect(() => parseRegistry(JSON.stringify(bare), 'bare')).toThrow(/declares no maxFlowPerH/)
  })

  it('uses valid, unique firm ids and unique device keys', () => {
    const firmIds = registry.firms.map((f) => f.id)
    expect(new Set(firmIds).size).toBe(firmIds.length)
    for (const { firm, plant } of plantsOf(registry)) {
      const keys = [
        ...plant.lines.flatMap((l) => l.machines.map((m) => `${l.id}/${m.id}`)),
        ...plant.meters.map((m) => `${m.line}/${m.id}`),
      ]
      expect(new Set(keys).size, `${firm.id}/${plant.id}`).toBe(keys.length)
      for (const key of keys) for (const id of key.split('/')) expect(id).toMatch(ID_PATTERN)
    }
  })

  it('gives every plant an electricity incomer on a utilities line', () => {
    for (const { plant } of plantsOf(registry)) {
      const utilities = new Set(plant.lines.filter((l) => l.process === 'utilities').map((l) => l.id))
      const incomer = plant.meters.find((m) => m.scope === 'plant' && m.medium === 'electricity')
      expect(incomer, plant.id).toBeDefined()
      expect(utilities.has(incomer?.line ?? ''), plant.id).toBe(true)
    }
  })

  it('has a plant incomer for every medium its machines meter', () => {
    for (const { plant } of plantsOf(registry)) {
      const incomerMedia = new Set(plant.meters.filter((m) => m.scope === 'plant').map((m) => m.medium))
      for (const machine of plant.lines.flatMap((l) => l.machines)) {
        for (const medium of machine.meters) expect(incomerMedia.has(medium), `${plant.id}/${machine.id} ${medium}`).toBe(true)
      }
    }
  })

  it('counts each machine in the default unit of its type', () => {
    for (const machine of plantsOf(registry).flatMap(({ plant }) => plant.lines.flatMap((l) => l.machines))) {
      expect(machine.unit, machine.id).toBe(MACHINE_TYPES[machine.type].defaultUnit)
    }
  })

  it('has a tariff marked illustrative whose periods tile the day exactly once', () => {
    for (const { plant } of plantsOf(registry)) {
      const tariff = plant.tariff
      expect(tariff?.source).toMatch(/ILLUSTRATIVE/)
      const periods = [...(tariff?.periods ?? [])].sort((a, b) => minutes(a.from) - minutes(b.from))
      let at = 0
      for (const p of periods) {
        expect(minutes(p.from)).toBe(at)
        at = p.to === '00:00' ? 1440 : minutes(p.to)
        expect(tariff?.pricePerKwh[p.band], p.band).toBeGreaterThan(0)
      }
      expect(at).toBe(1440)
    }
  })

  it('places every shift break inside its shift', () => {
    for (const { plant } of plantsOf(registry)) {
      for (const shift of plant.shiftCalendar.shifts) {
        for (const b of shift.breaks) {
          const offsetMin = (minutes(b.start) - minutes(shift.start) + 1440) % 1440
          expect(offsetMin + b.durationMin, `${plant.id}/${shift.id}`).toBeLessThanOrEqual(shift.durationH * 60)
        }
      }
    }
  })
})

describe('the demo registry', () => {
  const registry = loadRegistry(DEMO_REGISTRY_PATH)

  it('stays small enough for a two-core demo: 150-250 machines, 20-60 devices per plant', () => {
    const plants = plantsOf(registry)
    const machines = plants.flatMap(({ plant }) => plant.lines.flatMap((l) => l.machines))
    expect(machines.length).toBeGreaterThanOrEqual(150)
    expect(machines.length).toBeLessThanOrEqual(250)
    for (const { plant } of plants) {
      const devices = plant.lines.reduce((n, l) => n + l.machines.length, 0) + plant.meters.length
      expect(devices, plant.id).toBeGreaterThanOrEqual(20)
      expect(devices, plant.id).toBeLessThanOrEqual(60)
    }
  })

  it('covers every machine type of the contract', () => {
    const types = new Set(plantsOf(registry).flatMap(({ plant }) => plant.lines.flatMap((l) => l.machines.map((m) => m.type))))
    expect([...types].sort()).toEqual(Object.keys(MACHINE_TYPES).sort())
  })
})

describe('the registry files', () => {
  it('match what seeds/scripts generate (run generate-registry.ts after editing a plant)', () => {
    expect(readFileSync(DEMO_REGISTRY_PATH, 'utf8')).toBe(toJson(buildDemoRegistry()))
    expect(readFileSync(TEST_REGISTRY_PATH, 'utf8')).toBe(toJson(buildTestRegistry()))
  })
})

describe('parseRegistry', () => {
  it('names the path and the rule of each problem', () => {
    const bad = buildTestRegistry()
    const machine = bad.firms[0]?.plants[0]?.lines[0]?.machines[0]
    if (machine) machine.idealRatePerMin = -1
    expect(() => parseRegistry(JSON.stringify(bad), 'bad.json')).toThrow(/bad\.json[\s\S]*firms\.0\.plants\.0\.lines\.0\.machines\.0\.idealRatePerMin/)
  })

  it('reports text that is not JSON and files that cannot be read', () => {
    expect(() => parseRegistry('{"version": 1,', 'x.json')).toThrow(/x\.json: is not valid JSON/)
    const error = (() => {
      try {
        loadRegistry('/nonexistent/registry.json')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(RegistryLoadError)
    expect((error as RegistryLoadError).code).toBe('REGISTRY_UNREADABLE')
  })
})
