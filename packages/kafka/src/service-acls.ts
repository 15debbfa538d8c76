import { KAFKA_TOPICS } from '@millstream/contract'
import kafkajs, { type AclEntry, type Admin } from 'kafkajs'

// kafkajs is CommonJS and Node's ESM loader does not see these enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs

export type ServiceUser = 'ingest' | 'aggregator' | 'scorer' | 'api'
type Operation = 'Read' | 'Write' | 'Create' | 'Describe'

/** One grant: what a service may do to a topic, a consumer group or a transactional id. */
export interface ServiceGrant {
  resource: 'topic' | 'group' | 'transactionalId'
  name: string
  /** `prefixed`: every name that starts with `name` (the aggregator's per-partition ids, the API's per-instance groups). */
  pattern: 'literal' | 'prefixed'
  operations: readonly Operation[]
}

const T = KAFKA_TOPICS
const produce = (topic: string): ServiceGrant => ({ resource: 'topic', name: topic, pattern: 'literal', operations: ['Write', 'Describe', 'Create'] })
const consume = (topic: string): ServiceGrant => ({ resource: 'topic', name: topic, pattern: 'literal', operations: ['Read', 'Describe'] })
/** Default group id of the aggregator (AGG_GROUP_ID): its restore groups and transactional ids start with it. */
export const AGGREGATOR_GROUP = 'millstream-aggregator'
/** Prefix of the throw-away groups ingest's Sparkplug host reads its births topic with at start. */
export const SPARKPLUG_BIRTHS_GROUP_PREFIX = 'millstream-ingest-births-'
/** Prefix of the API's per-instance live groups (fan-out: each instance reads everything). */
export const API_LIVE_GROUP_PREFIX = 'millstream-api-live-'

/**
 * Least privilege per service on a secured Kafka (issue 17): ingest writes telemetry and dead
 * letters, and its Sparkplug host writes and reads back its births topic; the aggregator reads telemetry and writes its own topics in transactions (and
 * reads back its machine-hours topic for the line roll-ups); the
 * scorer writes scores; the API reads the two topics of its live view. Nothing else: no service
 * can read another's output, delete a topic, or change ACLs. The topic names are the contract's;
 * a deployment that renames topics must grant the new names.
 */
export const SERVICE_GRANTS: Readonly<Record<ServiceUser, readonly ServiceGrant[]>> = {
  ingest: [
    produce(T.telemetry), produce(T.telemetryDlq),
    { ...produce(T.sparkplugBirths), operations: ['Read', 'Write', 'Describe', 'Create'] },
    { resource: 'group', name: SPARKPLUG_BIRTHS_GROUP_PREFIX, pattern: 'prefixed', operations: ['Read', 'Describe'] },
  ],
  aggregator: [
    { ...consume(T.telemetry), operations: ['Read', 'Describe', 'Create'] },
    produce(T.machineMinute), produce(T.telemetryDlq), produce(T.telemetryAnomaly),
    { ...produce(T.aggregatorState), operations: ['Read', 'Write', 'Describe', 'Create'] },
    // Its line roll-up stage reads what its partition tasks write (group AGGREGATOR_GROUP.line-rollup, under the prefix).
    { ...produce(T.machineHours), operations: ['Read', 'Write', 'Describe', 'Create'] },
    { resource: 'group', name: AGGREGATOR_GROUP, pattern: 'prefixed', operations: ['Read', 'Describe'] },
    { resource: 'transactionalId', name: AGGREGATOR_GROUP, pattern: 'prefixed', operations: ['Write', 'Describe'] },
  ],
  scorer: [produce(T.scores), produce(T.scoreRollups)],
  api: [consume(T.telemetry), consume(T.machineMinute), { resource: 'group', name: API_LIVE_GROUP_PREFIX, pattern: 'prefixed', operations: ['Read', 'Describe'] }],
}

const RESOURCE = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, transactionalId: AclResourceTypes.TRANSACTIONAL_ID } as const
const OPERATION = { Read: AclOperationTypes.READ, Write: AclOperationTypes.WRITE, Create: AclOperationTypes.CREATE, Describe: AclOperationTypes.DESCRIBE } as const

/** The grants of each service as kafkajs ACL entries (admin.createAcls), for the principal `User:<service>`. */
export function serviceAclEntries(grants: Readonly<Record<string, readonly ServiceGrant[]>> = SERVICE_GRANTS): AclEntry[] {
  return Object.entries(grants).flatMap(([user, list]) => list.flatMap((g) => g.operations.map((op) => ({
    principal: `User:${user}`, host: '*', permissionType: AclPermissionTypes.ALLOW, operation: OPERATION[op],
    resourceType: RESOURCE[g.resource], resourceName: g.name,
    resourcePatternType: g.pattern === 'prefixed' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
  }))))
}

/**
 * Waits until the broker shows at least `count` ACL entries. The controller commits new ACLs and
 * the broker's authorizer applies them a moment later: a service that connects in between is
 * refused. DescribeAcls answers from the broker's view, so it tells when they are in force.
 */
export async function awaitAcls(admin: Admin, count: number, timeoutMs = 30_000): Promise<void> {
  const any = { resourceType: AclResourceTypes.ANY, resourcePatternType: ResourcePatternTypes.ANY, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY }
  for (const deadline = Date.now() + timeoutMs; ;) {
    const seen = (await admin.describeAcls(any)).resources.reduce((n, r) => n + r.acls.length, 0)
    if (seen >= count) return
    if (Date.now() > deadline) throw new Error(`the broker shows ${seen} of ${count} ACL entries after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
