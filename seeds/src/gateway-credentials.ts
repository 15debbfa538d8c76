import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Registry } from '../../packages/contract/src/index.ts'

/** Generated dev-only credentials for every plant of the demo and test registries. */
export const DEV_CREDENTIALS_PATH = fileURLToPath(new URL('../dev-credentials.json', import.meta.url))

/**
 * The key of the dev password scheme. It is public on purpose: these passwords protect a demo
 * broker on loopback and nothing else. Production gateways get random secrets from the operator.
 */
const DEV_ONLY_KEY = 'millstream-dev-only-not-a-secret'

export interface GatewayCredential {
  firm: string
  plant: string
  username: string
  password: string
}

/** Each plant's gateway publishes as `gw-{firm}-{plant}`; the broker ACL limits it to `mill/v1/{firm}/{plant}/#`. */
export function gatewayUsername(firm: string, plant: string): string {
  return `gw-${firm}-${plant}`
}

/** Deterministic DEV-ONLY password: HMAC-SHA256(public dev key, username), first 24 hex digits. */
export function devGatewayPassword(username: string): string {
  return `dev-${createHmac('sha256', DEV_ONLY_KEY).update(username).digest('hex').slice(0, 24)}`
}

/** Dev credentials for every plant of the given registries, in registry order, without repeats. */
export function buildDevCredentials(registries: Registry[]): GatewayCredential[] {
  const seen = new Set<string>()
  const out: GatewayCredential[] = []
  for (const registry of registries) {
    for (const firm of registry.firms) {
      for (const plant of firm.plants) {
        const username = gatewayUsername(firm.id, plant.id)
        if (seen.has(username)) continue
        seen.add(username)
        out.push({ firm: firm.id, plant: plant.id, username, password: devGatewayPassword(username) })
      }
    }
  }
  return out
}

export interface GatewayCredentials {
  all: GatewayCredential[]
  forPlant(firm: string, plant: string): GatewayCredential | undefined
}

/** Reads a credentials file (`{ "gateways": [{ firm, plant, username, password }] }`); throws with the reason. */
export function loadGatewayCredentials(path: string = DEV_CREDENTIALS_PATH): GatewayCredentials {
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
  const gateways = (json as { gateways?: unknown } | null)?.gateways
  if (!Array.isArray(gateways)) throw new Error(`credentials ${path}: expected an object with a "gateways" array`)
  const all = gateways.map((g: unknown, i) => {
    const c = g as Partial<Record<keyof GatewayCredential, unknown>>
    for (const field of ['firm', 'plant', 'username', 'password'] as const) {
      if (typeof c[field] !== 'string' || c[field] === '') throw new Error(`credentials ${path}: gateways.${i}.${field} must be a non-empty string`)
    }
    return c as GatewayCredential
  })
  const byPlant = new Map(all.map((c) => [`${c.firm}/${c.plant}`, c]))
  return { all, forPlant: (firm, plant) => byPlant.get(`${firm}/${plant}`) }
}

/** Mosquitto `acl_file` lines: each gateway may write only below its own firm and plant. */
export function renderMosquittoAcl(credentials: GatewayCredential[]): string {
  return credentials.map((c) => `user ${c.username}\ntopic write mill/v1/${c.firm}/${c.plant}/#\n`).join('\n')
}
