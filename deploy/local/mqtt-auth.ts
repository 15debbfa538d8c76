// Generates Mosquitto's accounts and ACLs from the registries in seeds/ as the dynamic-security
// plugin's config (deploy/local/mqtt-acl.ts; docs/ingest.md, "ACL model"). Service-account
// passwords are random, kept across runs in credentials.json; plant gateways use the public
// dev-only scheme of seeds/ so the simulator can log in (dev and test only: production brokers
// take every secret from the operator's vault).
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { registrySchema, sparkplugMappingSchema } from '@millstream/contract'
import { devGatewayPassword } from '@millstream/seeds'
import { BENCH_PLANT, dynsecConfig, gatewayAccount, gatewayAccounts, SERVICE_ACCOUNTS, type Account } from './mqtt-acl.ts'

const { values } = parseArgs({ options: { out: { type: 'string' }, seeds: { type: 'string' }, bench: { type: 'boolean' }, help: { type: 'boolean' } } })
if (values.help || !values.out) {
  console.log('Usage: node --import tsx deploy/local/mqtt-auth.ts --out DIR [--seeds DIR] [--bench]\nWrites DIR/dynsec.json (the dynamic-security plugin config) and DIR/credentials.json.\n--bench also gives the benchmark plant (BENCH_PLANT in mqtt-acl.ts) a gateway.')
  process.exit(values.help ? 0 : 2)
}
const seedsDir = values.seeds ?? new URL('../../seeds/', import.meta.url).pathname
const out = values.out

const gateways = new Map<string, Account>()
// Which Sparkplug group and edge node each plant is (docs/sparkplug.md); defaults when absent.
const sparkplugFile = join(seedsDir, 'sparkplug.json')
const sparkplug = existsSync(sparkplugFile) ? sparkplugMappingSchema.parse(JSON.parse(readFileSync(sparkplugFile, 'utf8'))) : undefined
for (const file of readdirSync(seedsDir).filter((f) => /registry\.json$/.test(f)).sort()) {
  const parsed = registrySchema.safeParse(JSON.parse(readFileSync(join(seedsDir, file), 'utf8')))
  if (!parsed.success) {
    console.error(`mqtt-auth: ${file} is not a valid registry:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
    process.exit(1)
  }
  for (const account of gatewayAccounts(parsed.data, sparkplug)) gateways.set(account.username, account)
}
if (values.bench) {
  const account = gatewayAccount(BENCH_PLANT.firm, BENCH_PLANT.plant)
  gateways.set(account.username, account)
}

const credentialsPath = join(out, 'credentials.json')
const previous: Record<string, string> = existsSync(credentialsPath) ? JSON.parse(readFileSync(credentialsPath, 'utf8')) : {}
const accounts = [...SERVICE_ACCOUNTS, ...gateways.values()]
const credentials: Record<string, string> = {}
for (const { username } of accounts) {
  credentials[username] = gateways.has(username) ? devGatewayPassword(username) : (previous[username] ?? randomBytes(18).toString('base64url'))
}

writeFileSync(credentialsPath, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
writeFileSync(join(out, 'dynsec.json'), `${JSON.stringify(dynsecConfig(accounts, credentials), null, 1)}\n`, { mode: 0o600 })
console.error(`mqtt-auth: ${accounts.length} accounts (${gateways.size} plant gateways) written to ${out}`)
