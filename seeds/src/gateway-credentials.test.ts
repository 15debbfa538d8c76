import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEV_CREDENTIALS_PATH,
  buildDevCredentials,
  devGatewayPassword,
  gatewayUsername,
  loadGatewayCredentials,
  renderMosquittoAcl,
} from './gateway-credentials.ts'
import { DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH, loadRegistry } from './load-registry.ts'

describe('dev gateway credentials', () => {
  const registries = [loadRegistry(DEMO_REGISTRY_PATH), loadRegistry(TEST_REGISTRY_PATH)]

  it('derive the same password from the same username and different ones for different plants', () => {
    expect(devGatewayPassword('gw-a-b')).toBe(devGatewayPassword('gw-a-b'))
    expect(devGatewayPassword('gw-a-b')).not.toBe(devGatewayPassword('gw-a-c'))
    expect(gatewayUsername('dean-textile', 'dean-1')).toBe('gw-dean-textile-dean-1')
  })

  it('are in the checked-in file for every plant of both registries', () => {
    const file = loadGatewayCredentials(DEV_CREDENTIALS_PATH)
    const expected = buildDevCredentials(registries)
    expect(file.all).toEqual(expected)
    expect(file.forPlant('test-firm', 'test-plant')?.username).toBe('gw-test-firm-test-plant')
    expect(JSON.parse(readFileSync(DEV_CREDENTIALS_PATH, 'utf8')).note).toMatch(/DEV ONLY/)
  })

  it('refuse a file whose entries lack a field', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'creds-')), 'c.json')
    writeFileSync(path, JSON.stringify({ gateways: [{ firm: 'f', plant: 'p', username: 'gw-f-p' }] }))
    expect(() => loadGatewayCredentials(path)).toThrow(/gateways\.0\.password must be a non-empty string/)
  })

  it('render an ACL that confines each gateway to its own firm and plant', () => {
    const acl = renderMosquittoAcl(buildDevCredentials(registries))
    expect(acl).toContain('user gw-lianxi-fibre-lianxi-1\ntopic write mill/v1/lianxi-fibre/lianxi-1/#\n')
    expect(acl.match(/^user /gm)).toHaveLength(6)
  })
})
