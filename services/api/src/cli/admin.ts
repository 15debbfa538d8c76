import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { parseDurationMs } from '@millstream/runtime'
import { ROLES, SHARE_KINDS, type DataClass, type Role, type ShareKind } from '../auth/principal.ts'
import { createUserStore } from '../auth/user-store.ts'

const HELP = `Usage: pnpm --filter @millstream/api admin <command> [options]   (store: $API_DATA_DIR/users.json, default .run/api)

  user --name N --role R [--firm F]... [--plant FIRM/PLANT]...   create or replace a person; password from $API_PASSWORD
  key --label L --role R --scope S... [--firm F]... [--plant FIRM/PLANT]... [--expires 90d]   print a new API key once
  revoke --id KEY_ID                                         revoke an API key
  share --firm F [--kind scores|energy_totals]...            what the firm shares with the platform role (none: nothing)
  list                                                       users and keys (never hashes)
Roles: ${ROLES.join(', ')}. Scopes: registry, telemetry, energy, energy_totals, scores.`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' }, role: { type: 'string' }, firm: { type: 'string', multiple: true }, plant: { type: 'string', multiple: true },
    label: { type: 'string' }, scope: { type: 'string', multiple: true }, expires: { type: 'string', default: '90d' }, id: { type: 'string' },
    kind: { type: 'string', multiple: true }, help: { type: 'boolean' },
  },
})
const fail = (message: string): never => {
  process.stderr.write(`${message}\n\n${HELP}\n`)
  process.exit(2)
}
const role = (): Role => (ROLES as readonly string[]).includes(values.role ?? '') ? (values.role as Role) : fail('--role must be one of the roles')
const plants = () => (values.plant ?? []).map((p) => {
  const [firm, plant] = p.split('/')
  return firm && plant ? { firm, plant } : fail(`--plant ${p}: expected FIRM/PLANT`)
})

if (values.help || positionals.length === 0) {
  console.log(HELP)
  process.exit(0)
}
const store = createUserStore(join(process.env.API_DATA_DIR ?? '.run/api', 'users.json'))
switch (positionals[0]) {
  case 'user': {
    const password = process.env.API_PASSWORD ?? fail('set API_PASSWORD (kept out of the shell history and ps)')
    await store.putUser({ name: values.name ?? fail('--name is required'), role: role(), firms: values.firm ?? [], plants: plants(), password })
    console.log(`user ${values.name} saved`)
    break
  }
  case 'key': {
    const expiresMs = parseDurationMs(values.expires ?? '90d') ?? fail('--expires: a duration such as 30d')
    const made = store.createApiKey({ label: values.label ?? fail('--label is required'), role: role(), firms: values.firm ?? [], plants: plants(), scopes: (values.scope ?? fail('--scope is required')) as DataClass[], expiresAt: new Date(Date.now() + expiresMs).toISOString() })
    console.log(`key id ${made.id}\n${made.key}\n(shown once; only its hash is stored)`)
    break
  }
  case 'revoke':
    console.log(store.revokeApiKey(values.id ?? fail('--id is required'), Date.now()) ? 'revoked' : fail('no such key'))
    break
  case 'share': {
    const kinds = (values.kind ?? []).filter((k): k is ShareKind => (SHARE_KINDS as readonly string[]).includes(k))
    const firm = values.firm?.[0] ?? fail('--firm is required')
    store.setSharing(firm, kinds)
    console.log(`firm ${firm} shares: ${kinds.join(', ') || 'nothing'}`)
    break
  }
  case 'list':
    console.log(JSON.stringify({ users: store.listUsers(), apiKeys: store.listApiKeys() }, null, 2))
    break
  default:
    fail(`unknown command ${positionals[0]}`)
}
