// Provisions a secured Kafka (MILLSTREAM_KAFKA_SECURITY=sasl_ssl, deploy/local/lib/kafka-secure.sh)
// as its admin: the contract's topics, then each service's least-privilege ACLs
// (@millstream/kafka SERVICE_GRANTS). Idempotent: existing topics and ACLs are left as they are.
import { awaitAcls, createKafka, ensureTopics, kafkaSecurity, serviceAclEntries } from '@millstream/kafka'
import { createLogger, kafkaEnv, loadConfig } from '@millstream/runtime'
import { z } from 'zod'

const config = loadConfig(z.object(kafkaEnv))
const logger = createLogger({ name: 'kafka-acls', level: 'warn' })
const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'millstream-provision', logger, security: kafkaSecurity(config) })
const created = await ensureTopics(kafka)
const admin = kafka.admin()
await admin.connect()
const acl = serviceAclEntries()
await admin.createAcls({ acl })
await awaitAcls(admin, acl.length)
await admin.disconnect()
console.log(`[kafka-acls] topics created: ${created.length ? created.join(', ') : 'none (all existed)'}; ${acl.length} ACL entries for ${[...new Set(acl.map((a) => a.principal))].join(', ')}`)
