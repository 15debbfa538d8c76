// The broker's accounts and what each may do (docs/ingest.md, "Tenancy: the ACL model"), as
// Mosquitto dynamic-security roles. Mosquitto 2.0's acl_file cannot restrict SUBSCRIBE at all (its
// check returns success for every subscription), so a gateway could join ingest's shared group and
// take every other message from it (issue 10). The dynamic-security plugin, shipped in Debian's
// mosquitto package, checks subscribe filters, `$share/...` included, and denies by default.
import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { gatewayUsername, SPARKPLUG_NAMESPACE, TOPIC_PREFIX, type Registry, type SparkplugMapping } from '@millstream/contract'

export type AclType = 'publishClientSend' | 'publishClientReceive' | 'subscribePattern'
export interface Account {
  username: string
  acls: { acltype: AclType; topic: string; allow: true }[]
}

const allow = (acltype: AclType, topic: string) => ({ acltype, topic, allow: true as const })

const SPB = SPARKPLUG_NAMESPACE
/**
 * Service accounts: ingest reads everything under mill/ through a shared subscription only; as the
 * Sparkplug B host (docs/sparkplug.md) it reads spBv1.0/#, sends node and device commands and its
 * own STATE.
 */
export const SERVICE_ACCOUNTS: Account[] = [
  {
    username: 'ingest',
    acls: [
      allow('subscribePattern', '$share/+/mill/#'), allow('publishClientReceive', 'mill/#'),
      allow('subscribePattern', `${SPB}/#`), allow('publishClientReceive', `${SPB}/#`),
      allow('publishClientSend', `${SPB}/+/NCMD/+`), allow('publishClientSend', `${SPB}/+/DCMD/+/+`), allow('publishClientSend', `${SPB}/STATE/+`),
    ],
  },
  // Server checks in test/servers use a topic tree of their own.
  { username: 'millstream-test', acls: [allow('publishClientSend', 'test/#'), allow('publishClientReceive', 'test/#'), allow('subscribePattern', 'test/#')] },
]

/**
 * One gateway per plant: publishes v1 under its own firm and plant. As the plant's Sparkplug edge
 * node (group and edge node id from the mapping; default firm and plant id) it publishes its own
 * node and device messages (its will, the NDEATH, included) and reads only its own commands and
 * the hosts' STATE.
 */
export function gatewayAccounts(registry: Registry, sparkplug?: Pick<SparkplugMapping, 'edgeNodes'>): Account[] {
  return registry.firms.flatMap((firm) =>
    firm.plants.map((plant) => {
      const node = sparkplug?.edgeNodes.find((n) => n.firm === firm.id && n.plant === plant.id)
      const [g, e] = [node?.groupId ?? firm.id, node?.edgeNodeId ?? plant.id]
      const commands = [`${SPB}/${g}/NCMD/${e}`, `${SPB}/${g}/NCMD/${e}/#`, `${SPB}/${g}/DCMD/${e}/#`, `${SPB}/STATE/#`]
      return {
        username: gatewayUsername(firm.id, plant.id),
        acls: [
          allow('publishClientSend', `${TOPIC_PREFIX}/${firm.id}/${plant.id}/#`),
          allow('publishClientSend', `${SPB}/${g}/+/${e}`), allow('publishClientSend', `${SPB}/${g}/+/${e}/+`),
          ...commands.flatMap((t) => [allow('subscribePattern', t), allow('publishClientReceive', t)]),
        ],
      }
    }),
  )
}

/**
 * The plugin's configuration file: a role per account, passwords hashed as the plugin does
 * (PBKDF2-SHA512, 101 iterations, 64 bytes, as `mosquitto_ctrl dynsec init` writes them), and
 * everything not granted denied (unsubscribing is harmless and stays allowed).
 */
export function dynsecConfig(accounts: Account[], passwords: Record<string, string>): unknown {
  return {
    defaultACLAccess: { publishClientSend: false, publishClientReceive: false, subscribe: false, unsubscribe: true },
    clients: accounts.map(({ username }) => {
      const salt = randomBytes(12)
      const password = passwords[username]
      if (!password) throw new Error(`no password for ${username}`)
      return { username, password: pbkdf2Sync(password, salt, 101, 64, 'sha512').toString('base64'), salt: salt.toString('base64'), iterations: 101, roles: [{ rolename: username }] }
    }),
    roles: accounts.map(({ username, acls }) => ({ rolename: username, acls })),
    groups: [],
  }
}
