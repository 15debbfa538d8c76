import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRegistry, TEST_REGISTRY_PATH } from './load-registry.ts'
import { loadSparkplugMapping } from './load-sparkplug-mapping.ts'
import { loadRegistries } from './load-registries.ts'

const write = (json: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'spb-')), 'sparkplug.json')
  writeFileSync(path, JSON.stringify(json))
  return path
}

describe('loadSparkplugMapping', () => {
  it('maps every plant of the demo and test registries to an edge node whose devices are its machines and meters', () => {
    const registry = loadRegistry(TEST_REGISTRY_PATH)
    const node = loadSparkplugMapping(registry).get('test-firm/test-plant')
    expect(node?.devices.get('loom-01')).toMatchObject({ line: 'weaving', device: 'loom-01' })
    expect(node?.devices.get('loom-01')?.metrics.get('Picks')).toEqual({ channel: 'count', field: 'total' })
    expect(node?.devices.get('rf-01')?.metrics.has('Picks')).toBe(false)
    expect(node?.devices.get('incomer-steam')?.metrics.get('Energy/steam/Total')).toMatchObject({ medium: 'steam' })
    expect(node?.devices.get('incomer-steam')?.metrics.has('State')).toBe(false)
    expect(loadSparkplugMapping(loadRegistries(undefined)).size).toBeGreaterThan(1)
  })

  it('refuses at load an override naming an unknown plant or machine and two devices under one id, listing each', () => {
    const registry = loadRegistry(TEST_REGISTRY_PATH)
    const path = write({
      version: 1,
      metrics: { State: { channel: 'state', field: 'state' } },
      edgeNodes: [
        { firm: 'test-firm', plant: 'test-plant', groupId: 'G', edgeNodeId: 'E', devices: { 'loom-02': 'loom-01', 'x': 'no-such' } },
        { firm: 'nobody', plant: 'nowhere', groupId: 'G2', edgeNodeId: 'E2' },
      ],
    })
    expect(() => loadSparkplugMapping(registry, path)).toThrow(/unknown plant nobody\/nowhere[\s\S]*unknown machine no-such[\s\S]*two devices with id loom-02/)
    expect(() => loadSparkplugMapping(registry, write({ version: 1, metrics: { X: { channel: 'count', field: 'state' } } }))).toThrow(/metrics\.X/)
  })
})
