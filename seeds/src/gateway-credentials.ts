import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gatewayUsername, type Registry } from '@millstream/contract'

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

/**
 * Reads gateway credentials from either format:
 * - seeds/dev-credentials.json: `{ "gateways": [{ firm, plant, username, password }] }`;
 * - the broker's credentials.json written by deploy/local/mqtt-auth.ts (MQTT_CREDENTIALS_FILE):
 *   `{ "<username>": "<password>" }`, looked up by `gw-{firm}-{plant}`.
 * Throws an Error naming the file and the bad entry.
 */
export function loadGatewayCredentials(path: string = DEV_CREDENTIALS_PATH): GatewayCredentials {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new Error(`credentials ${path}: ${(cause as Error).message}`, { cause })
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`credentials ${path}: expected a JSON object`)
  return 'gateways' in json ? fromGatewayList(json.gateways, path) : fromUserMap(json as Record<string, unknown>, path)
}

function fromGatewayList(gateways: unknown, path: string): GatewayCredentials {
  if (!Array.isArray(gateways)) throw new Error(`credentials ${path}: "gateways" must be an array`)
  const all = gateways.map((g: unknown, i) => {
    const c = (g ?? {}) as Partial<Record<keyof GatewayCredential, unknown>>
    for (const field of ['firm', 'plant', 'username', 'password'] as const) {
      if (typeof c[field] !== 'string' || c[field] === '') throw new Error(`credentials ${path}: gateways.${i}.${field} must be a non-empty string`)
    }
    return c as GatewayCredential
  })
  const byPlant = new Map(all.map((c) => [`${c.firm}/${c.plant}`, c]))
  return { all, forPlant: (firm, plant) => byPlant.get(`${firm}/${plant}`) }
}

function fromUserMap(users: Record<string, unknown>, path: string): GatewayCredentials {
  for (const [user, password] of Object.entries(users)) {
    if (typeof password !== 'string' || password === '') throw new Error(`credentials ${path}: the password of ${user} must be a non-empty string`)
  }
  return {
    all: [],
    forPlant: (firm, plant) => {
      const username = gatewayUsername(firm, plant)
      const password = users[username]
      return typeof password === 'string' ? { firm, plant, username, password } : undefined
    },
  }
}
