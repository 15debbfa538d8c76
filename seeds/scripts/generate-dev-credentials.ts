/**
 * Writes seeds/dev-credentials.json (DEV ONLY) for the plants of both registries.
 * Run after generate-registry: npx tsx seeds/scripts/generate-dev-credentials.ts
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildDevCredentials, loadRegistry, DEMO_REGISTRY_PATH, TEST_REGISTRY_PATH } from '../src/index.ts'
import { toJson } from './registries.ts'

export const DEV_CREDENTIALS_NOTE =
  'DEV ONLY. Deterministic passwords (HMAC-SHA256 of the username with a public key, see seeds/src/gateway-credentials.ts) ' +
  'for a loopback demo broker. Never use them on a reachable broker.'

const seedsDir = fileURLToPath(new URL('..', import.meta.url))
const gateways = buildDevCredentials([loadRegistry(DEMO_REGISTRY_PATH), loadRegistry(TEST_REGISTRY_PATH)])
writeFileSync(`${seedsDir}dev-credentials.json`, toJson({ note: DEV_CREDENTIALS_NOTE, gateways }))
console.error(`wrote dev-credentials.json for ${gateways.length} gateways`)
