import { describe, expect, it } from 'vitest'
import { loadRegistries } from './load-registries.ts'
import { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH } from './load-registry.ts'

describe('loadRegistries (REGISTRY_PATH)', () => {
  it('loads the demo plants when unset or blank', () => {
    const ids = (paths: string | undefined) => loadRegistries(paths).firms.map((f) => f.id)
    expect(ids(undefined)).toContain('fengxin-yarn')
    expect(ids(' , ')).toEqual(ids(undefined))
  })

  it('merges comma-separated files into one registry', () => {
    const merged = loadRegistries(`${DEMO_REGISTRY_PATH}, ${TEST_REGISTRY_PATH}`)
    expect(merged.firms.map((f) => f.id)).toEqual([...loadRegistries(DEMO_REGISTRY_PATH).firms.map((f) => f.id), 'test-firm'])
  })

  it('refuses to merge a registry with itself: firm ids must stay unique', () => {
    expect(() => loadRegistries(`${TEST_REGISTRY_PATH},${TEST_REGISTRY_PATH}`)).toThrow(/test-firm is listed twice/)
  })
})
