import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { hashPassword, verifyPassword } from './passwords.ts'
import { plantRefSchema, ROLES, SHARE_KINDS, type DataClass, type Principal, type ShareKind } from './principal.ts'

const DATA_CLASSES = ['registry', 'telemetry', 'energy', 'energy_totals', 'scores'] as const satisfies readonly DataClass[]

const userSchema = z.object({
  name: z.string().min(1),
  role: z.enum(ROLES),
  firms: z.array(z.string()).default([]),
  plants: z.array(plantRefSchema).default([]),
  passwordHash: z.string(),
})
const apiKeySchema = z.object({
  id: z.string(),
  label: z.string(),
  role: z.enum(ROLES),
  firms: z.array(z.string()).default([]),
  plants: z.array(plantRefSchema).default([]),
  scopes: z.array(z.enum(DATA_CLASSES)).min(1),
  /** sha256 of the secret: the secret is 32 random bytes, so a fast hash cannot be brute-forced. */
  secretSha256: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
})
const fileSchema = z.object({
  version: z.literal(1),
  users: z.array(userSchema).default([]),
  apiKeys: z.array(apiKeySchema).default([]),
  /** Per firm, what the platform role may read; a firm not listed shares the default. */
  sharing: z.record(z.string(), z.array(z.enum(SHARE_KINDS))).default({}),
})
export type UserFile = z.infer<typeof fileSchema>
export type User = z.infer<typeof userSchema>
export type ApiKey = z.infer<typeof apiKeySchema>

export const DEFAULT_SHARING: readonly ShareKind[] = ['scores', 'energy_totals']
const KEY_PREFIX = 'msk'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * People, API keys and firms' sharing settings in one JSON file under the API's data dir
 * (API_DATA_DIR/users.json). Written whole to a temp file and renamed, so a crash never leaves
 * half a file. Small by design: a few hundred users; a database would replace it beyond that.
 */
export function createUserStore(path: string) {
  const load = (): UserFile => (existsSync(path) ? fileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : { version: 1, users: [], apiKeys: [], sharing: {} })
  const mtimeOf = () => {
    if (!existsSync(path)) return ''
    const st = statSync(path)
    return `${st.mtimeMs}:${st.size}:${st.ino}`
  }
  let loadedMtime = mtimeOf()
  let store = load()
  /** Reloads when the file changed (the admin CLI is another process): a revoked key stops working at once. */
  const current = (): UserFile => {
    const mtime = mtimeOf()
    if (mtime !== loadedMtime) {
      store = load()
      loadedMtime = mtime
    }
    return store
  }
  const save = () => {
    const data = store
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(`${path}.tmp`, JSON.stringify(data, null, 2), { mode: 0o600 })
    renameSync(`${path}.tmp`, path)
    loadedMtime = mtimeOf()
  }
  const toPrincipal = (u: Pick<User, 'name' | 'role' | 'firms' | 'plants'>, scopes?: readonly DataClass[]): Principal => ({ subject: u.name, role: u.role, firms: u.firms, plants: u.plants, ...(scopes ? { scopes } : {}) })

  return {
    sharing: (firm: string): readonly ShareKind[] => current().sharing[firm] ?? DEFAULT_SHARING,
    setSharing(firm: string, kinds: ShareKind[]) {
      current().sharing[firm] = kinds
      save()
    },
    async putUser(user: Omit<User, 'passwordHash'> & { password: string }) {
      if (user.password.length < 12) throw new RangeError('a password needs at least 12 characters')
      const { password, ...rest } = user
      const entry = userSchema.parse({ ...rest, passwordHash: await hashPassword(password) })
      const data = current()
      data.users = [...data.users.filter((u) => u.name !== user.name), entry]
      save()
    },
    listUsers: () => current().users.map(({ passwordHash: _hash, ...u }) => u),
    /** The principal of a name and password, or undefined; hashes even for unknown names so timing does not tell. */
    async signIn(name: string, password: string): Promise<Principal | undefined> {
      const user = current().users.find((u) => u.name === name)
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
      return user && ok ? toPrincipal(user) : undefined
    },
    /** Returns the key once; only its hash is stored. */
    createApiKey(key: Omit<ApiKey, 'id' | 'secretSha256' | 'revokedAt'>): { id: string; key: string } {
      const id = randomUUID()
      const secret = randomBytes(32).toString('base64url')
      current().apiKeys.push(apiKeySchema.parse({ ...key, id, secretSha256: sha256(secret) }))
      save()
      return { id, key: `${KEY_PREFIX}_${id}_${secret}` }
    },
    revokeApiKey(id: string, nowMs: number): boolean {
      const key = current().apiKeys.find((k) => k.id === id)
      if (!key) return false
      key.revokedAt = new Date(nowMs).toISOString()
      save()
      return true
    },
    listApiKeys: () => current().apiKeys.map(({ secretSha256: _s, ...k }) => k),
    /** The principal of a presented key if it exists, matches, is not revoked and has not expired. */
    verifyApiKey(presented: string, nowMs: number): Principal | undefined {
      const m = /^msk_([0-9a-f-]{36})_([A-Za-z0-9_-]+)$/.exec(presented)
      const key = m && current().apiKeys.find((k) => k.id === m[1])
      if (!m || !key || key.revokedAt || Date.parse(key.expiresAt) <= nowMs) return undefined
      const a = Buffer.from(sha256(m[2] ?? ''), 'hex')
      const b = Buffer.from(key.secretSha256, 'hex')
      return a.length === b.length && timingSafeEqual(a, b) ? toPrincipal({ name: `key:${key.label}`, role: key.role, firms: key.firms, plants: key.plants }, key.scopes) : undefined
    },
  }
}
export type UserStore = ReturnType<typeof createUserStore>

/** A valid hash of a random password: unknown users cost the same scrypt as known ones. */
const DUMMY_HASH = await hashPassword(randomBytes(16).toString('hex'))
