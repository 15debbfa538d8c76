// Generates Mosquitto's users and ACLs from the registries in seeds/ (docs/ingest.md, "ACL model"):
// each plant's gateway may publish only under mill/v1/{firm}/{plant}/#; ingest may only read.
// Service-account passwords are random, kept across runs in credentials.json; plant gateways
// use the public dev-only scheme of seeds/ so the simulator can log in (dev and test only:
// production brokers take every secret from the operator's vault).
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gatewayUsername, registrySchema, TOPIC_PREFIX } from '@millstream/contract'
import { devGatewayPassword } from '@millstream/seeds'

const { values } = parseArgs({ options: { out: { type: 'string' }, seeds: { type: 'string' }, help: { type: 'boolean' } } })
if (values.help || !values.out) {
  console.log('Usage: node --import tsx deploy/local/mqtt-auth.ts --out DIR [--seeds DIR]\nWrites DIR/passwd (plain, hash it with mosquitto_passwd -U), DIR/acl and DIR/credentials.json.')
  process.exit(values.help ? 0 : 2)
}
const seedsDir = values.seeds ?? new URL('../../seeds/', import.meta.url).pathname
const out = values.out

/** Service accounts beside the plant gateways. */
const SERVICE_ACLS: Record<string, string[]> = {
  ingest: [`topic read ${TOPIC_PREFIX}/#`],
  // Server checks in test/servers use a topic tree of their own.
  'millstream-test': ['topic readwrite test/#'],
}

const gatewayAcls = new Map<string, string[]>()
for (const file of readdirSync(seedsDir).filter((f) => /registry\.json$/.test(f)).sort()) {
  const parsed = registrySchema.safeParse(JSON.parse(readFileSync(join(seedsDir, file), 'utf8')))
  if (!parsed.success) {
    console.error(`mqtt-auth: ${file} is not a valid registry:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
    process.exit(1)
  }
  for (const firm of parsed.data.firms) {
    for (const plant of firm.plants) {
      gatewayAcls.set(gatewayUsername(firm.id, plant.id), [`topic write ${TOPIC_PREFIX}/${firm.id}/${plant.id}/#`])
    }
  }
}

const credentialsPath = join(out, 'credentials.json')
const previous: Record<string, string> = existsSync(credentialsPath) ? JSON.parse(readFileSync(credentialsPath, 'utf8')) : {}
const acls = { ...SERVICE_ACLS, ...Object.fromEntries(gatewayAcls) }
const credentials: Record<string, string> = {}
for (const user of Object.keys(acls)) {
  credentials[user] = gatewayAcls.has(user) ? devGatewayPassword(user) : (previous[user] ?? randomBytes(18).toString('base64url'))
}

writeFileSync(credentialsPath, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
writeFileSync(join(out, 'passwd'), Object.entries(credentials).map(([u, p]) => `${u}:${p}\n`).join(''), { mode: 0o600 })
// No `pattern` lines: Mosquitto applies patterns to every user, which would widen the service accounts.
const aclText = Object.entries(acls).map(([user, lines]) => `user ${user}\n${lines.join('\n')}\n`).join('\n')
writeFileSync(join(out, 'acl'), `# Generated from seeds/*registry.json by deploy/local/mqtt-auth.ts\n\n${aclText}`)
console.error(`mqtt-auth: ${Object.keys(acls).length} users (${gatewayAcls.size} plant gateways) written to ${out}`)
