import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEV_CREDENTIALS_PATH, buildDevCredentials, devGatewayPassword, loadGatewayCredentials } from './gateway-credentials.ts'
import { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH, loadRegistry } from './load-registry.ts'

const tempFile = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'creds-')), 'c.json')
  writeFileSync(path, JSON.stringify(content))
  return path
}

describe('dev gateway credentials', () => {
  const registries = [loadRegistry(DEMO_REGISTRY_PATH), loadRegistry(TEST_REGISTRY_PATH)]

  it('derive the same password from the same username and different ones for different plants', () => {
    expect(devGatewayPassword('gw-a-b')).toBe(devGatewayPassword('gw-a-b'))
    expect(devGatewayPassword('gw-a-b')).not.toBe(devGatewayPassword('gw-a-c'))
  })

  it('are in the checked-in file for every plant of both registries, marked dev-only', () => {
    const file = loadGatewayCredentials(DEV_CREDENTIALS_PATH)
    expect(file.all).toEqual(buildDevCredentials(registries))
    expect(file.all).toHaveLength(6)
    expect(file.forPlant('test-firm', 'test-plant')?.username).toBe('gw-test-firm-test-plant')
    expect(JSON.parse(readFileSync(DEV_CREDENTIALS_PATH, 'utf8')).note).toMatch(/DEV ONLY/)
  })

  it('refuse a file whose entries lack a field', () => {
    const path = tempFile({ gateways: [{ firm: 'f', plant: 'p', username: 'gw-f-p' }] })
    expect(() => loadGatewayCredentials(path)).toThrow(/gateways\.0\.password must be a non-empty string/)
  })

  it("read the broker's username-to-password map and find a plant's gateway by its username", () => {
    const path = tempFile({ ingest: 'x', 'gw-f1-p1': 'secret-1' })
    const credentials = loadGatewayCredentials(path)
    expect(credentials.forPlant('f1', 'p1')).toEqual({ firm: 'f1', plant: 'p1', username: 'gw-f1-p1', password: 'secret-1' })
    expect(credentials.forPlant('f1', 'p2')).toBeUndefined()
    expect(() => loadGatewayCredentials(tempFile({ 'gw-f1-p1': 7 }))).toThrow(/password of gw-f1-p1/)
  })
})
