/**
 * Backup and restore of what MillStream cannot recompute: the aggregator's state (its Kafka
 * changelog) and InfluxDB's buckets (docs/operations.md, "Backup and restore").
 *
 *   node --import tsx deploy/backup/millstream-backup.ts create  --out DIR [--bucket B]... [--changelog TOPIC]...
 *   node --import tsx deploy/backup/millstream-backup.ts restore --from DIR [--replication-factor N]
 *
 * The changelog is copied before the buckets: every minute the saved state says was written is
 * then in the saved buckets too (a later point is harmless, the aggregator writes the same again).
 */
import { createHash } from 'node:crypto'
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { KAFKA_TOPICS } from '@millstream/contract'
import { createKafka, kafkaSecurity, type KafkaSecurityEnv } from '@millstream/kafka'
import { createLogger } from '@millstream/runtime'
import { exportBucket, importBucket, type BucketManifest, type InfluxTarget } from './bucket-backup.ts'
import { dumpTopic, loadTopic, type TopicManifest } from './topic-backup.ts'

export interface BackupManifest {
  v: 1
  createdAt: string
  topics: (TopicManifest & { file: string; sha256: string })[]
  buckets: (BucketManifest & { file: string; sha256: string })[]
}

export interface BackupEnv {
  kafkaBrokers: string[]
  kafkaSecurity?: KafkaSecurityEnv
  influx: InfluxTarget
  influxd?: { bin: string; enginePath: string }
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_')

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function kafkaOf(env: BackupEnv) {
  const logger = createLogger({ name: 'millstream-backup', level: 'warn' })
  return createKafka({ brokers: env.kafkaBrokers, clientId: 'millstream-backup', logger, ...(env.kafkaSecurity ? { security: kafkaSecurity(env.kafkaSecurity) } : {}) })
}

export async function createBackup(env: BackupEnv, out: string, what: { topics: string[]; buckets: string[] }): Promise<BackupManifest> {
  mkdirSync(out, { recursive: true, mode: 0o700 })
  const manifest: BackupManifest = { v: 1, createdAt: new Date().toISOString(), topics: [], buckets: [] }
  const kafka = kafkaOf(env)
  for (const topic of what.topics) {
    const file = `topic-${safe(topic)}.jsonl.gz`
    const t = await dumpTopic(kafka, topic, join(out, file))
    manifest.topics.push({ ...t, file, sha256: await sha256(join(out, file)) })
  }
  for (const name of what.buckets) {
    if (!env.influxd) throw new Error('INFLUXD_BIN and INFLUX_ENGINE_PATH are needed to export buckets')
    const file = `bucket-${safe(name)}.lp.gz`
    const b = await exportBucket(env.influx, name, join(out, file), env.influxd)
    manifest.buckets.push({ ...b, file, sha256: await sha256(join(out, file)) })
  }
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  return manifest
}

/** Checks every file against the manifest before writing anything back. */
export async function restoreBackup(env: BackupEnv, from: string, options: { replicationFactor?: number } = {}): Promise<{ records: number; lines: number; expiredLines: number }> {
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as BackupManifest
  if (manifest.v !== 1) throw new Error(`backup format ${String(manifest.v)} is not known`)
  for (const f of [...manifest.topics, ...manifest.buckets]) {
    if ((await sha256(join(from, f.file))) !== f.sha256) throw new Error(`${f.file} does not match its checksum: the backup is damaged`)
  }
  const kafka = kafkaOf(env)
  let records = 0
  let lines = 0
  let expiredLines = 0
  for (const t of manifest.topics) records += await loadTopic(kafka, t, join(from, t.file), options.replicationFactor)
  for (const b of manifest.buckets) {
    const { written, expired } = await importBucket(env.influx, b, join(from, b.file))
    lines += written
    expiredLines += expired
  }
  return { records, lines, expiredLines }
}

/** Both tiers' buckets (issue 17): INFLUX_BUCKET and, when it names another, INFLUX_ROLLUP_BUCKET. */
export function defaultBuckets(e: NodeJS.ProcessEnv): string[] {
  const minutes = e.INFLUX_BUCKET || 'telemetry'
  return [...new Set([minutes, e.INFLUX_ROLLUP_BUCKET || minutes])]
}

function envOf(e: NodeJS.ProcessEnv): BackupEnv {
  const need = (name: string) => e[name] ?? (() => { throw new Error(`${name} is not set`) })()
  return {
    kafkaBrokers: need('KAFKA_BROKERS').split(','),
    ...(e.KAFKA_SECURITY && e.KAFKA_SECURITY !== 'plaintext'
      ? { kafkaSecurity: { KAFKA_SECURITY: e.KAFKA_SECURITY as KafkaSecurityEnv['KAFKA_SECURITY'], KAFKA_CA_FILE: e.KAFKA_CA_FILE, KAFKA_SASL_MECHANISM: (e.KAFKA_SASL_MECHANISM ?? 'scram-sha-512') as KafkaSecurityEnv['KAFKA_SASL_MECHANISM'], KAFKA_SASL_USERNAME: e.KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE: e.KAFKA_SASL_PASSWORD_FILE } }
      : {}),
    influx: { url: need('INFLUX_URL'), token: e.INFLUX_TOKEN_FILE ? readFileSync(e.INFLUX_TOKEN_FILE, 'utf8').trim() : need('INFLUX_TOKEN'), org: e.INFLUX_ORG ?? 'millstream' },
    ...(e.INFLUXD_BIN && e.INFLUX_ENGINE_PATH ? { influxd: { bin: e.INFLUXD_BIN, enginePath: e.INFLUX_ENGINE_PATH } } : {}),
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, from: { type: 'string' }, bucket: { type: 'string', multiple: true }, changelog: { type: 'string', multiple: true }, 'replication-factor': { type: 'string' } } })
  const env = envOf(process.env)
  if (command === 'create' && values.out) {
    const m = await createBackup(env, values.out, { topics: values.changelog ?? [KAFKA_TOPICS.aggregatorState], buckets: values.bucket ?? defaultBuckets(process.env) })
    console.log(JSON.stringify({ out: values.out, topics: m.topics.map((t) => ({ topic: t.topic, records: t.records })), buckets: m.buckets.map((b) => ({ bucket: b.name, lines: b.lines })) }))
  } else if (command === 'restore' && values.from) {
    const rf = values['replication-factor'] ? Number(values['replication-factor']) : undefined
    console.log(JSON.stringify(await restoreBackup(env, values.from, rf ? { replicationFactor: rf } : {})))
  } else {
    console.error('usage: millstream-backup.ts create --out DIR [--bucket B]... (default INFLUX_BUCKET and INFLUX_ROLLUP_BUCKET) [--changelog TOPIC]... | restore --from DIR [--replication-factor N]')
    process.exit(2)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
