import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface BenchEnv {
  kafkaBrokers: string
  mqttHost: string
  mqttPort: number
  ingestPassword: string
  registryPath: string
  workDir: string
  /** 0: v1 messages; N: contract v1.1 batches of N samples on mill/v1/{firm}/{plant}/batch. */
  batchSize: number
}

export interface Running {
  pids(): number[]
  ready(): Promise<void>
  stop(): Promise<void>
}

export interface Contender {
  name: string
  guarantee: string
  start(env: BenchEnv, outTopic: string, runId: string): Running
}

const filter = (group: string, env: BenchEnv) => (env.batchSize > 0 ? `$share/${group}/mill/v1/+/+/batch` : `$share/${group}/mill/v1/+/+/+/+/+`)

function stopAll(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve()
          c.once('exit', () => resolve())
          c.kill('SIGTERM')
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref()
        }),
    ),
  ).then(() => undefined)
}

const settle = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** MillStream's ingest as `instances` processes in one MQTT shared subscription (each its own client id). */
export function millstreamIngest(instances: number): Contender {
  return {
    name: instances === 1 ? 'millstream-ingest' : `millstream-ingest x${instances}`,
    guarantee: 'PUBACK after Kafka ack (acks=all, idempotent); validation; DLQ',
    start(env, outTopic, runId) {
      // BENCH_INGEST_NODE_ARGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=.run/prof" to profile ingest under load.
      const nodeArgs = (process.env.BENCH_INGEST_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')
      const children = Array.from({ length: instances }, (_, i) =>
        spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'services/ingest/src/main.ts'], {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: {
            ...process.env,
            KAFKA_BROKERS: env.kafkaBrokers,
            MQTT_URL: `mqtt://${env.mqttHost}:${env.mqttPort}`,
            MQTT_USERNAME: 'ingest',
            MQTT_PASSWORD: env.ingestPassword,
            REGISTRY_PATH: env.registryPath,
            INGEST_CLIENT_ID: `bench-ms-${runId}-${i}`,
            INGEST_SHARE_GROUP: `bench-ms-${runId}`,
            INGEST_TELEMETRY_TOPIC: outTopic,
            INGEST_DLQ_TOPIC: `${outTopic}.dlq`,
            HTTP_PORT: '0',
            LOG_LEVEL: 'warn',
            INGEST_SESSION_EXPIRY: '30s',
          },
        }),
      )
      return { pids: () => children.flatMap((c) => (c.pid ? [c.pid] : [])), ready: () => settle(4000), stop: () => stopAll(children) }
    },
  }
}

export const millstream = millstreamIngest(1)

/** The floor: Debian's mosquitto_sub piped into kcat. No validation, auto-ack at the broker. */
export const floor: Contender = {
  name: 'mosquitto_sub | kcat',
  guarantee: 'none: QoS 1 acknowledged on receipt, no validation',
  start(env, outTopic, runId) {
    const sub = spawn('mosquitto_sub', ['-h', env.mqttHost, '-p', String(env.mqttPort), '-u', 'ingest', '-P', env.ingestPassword, '-V', 'mqttv5', '-q', '1', '-i', `bench-floor-${runId}`, '-t', filter(`bench-floor-${runId}`, env), '-F', '%t\t%p'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const kcat = spawn('kcat', ['-P', '-b', env.kafkaBrokers, '-t', outTopic, '-K', '\t', '-X', 'acks=all', '-X', 'linger.ms=5'], { stdio: ['pipe', 'ignore', 'inherit'] })
    sub.stdout?.pipe(kcat.stdin as NodeJS.WritableStream)
    const children = [sub, kcat]
    return { pids: () => children.flatMap((c) => (c.pid ? [c.pid] : [])), ready: () => settle(1500), stop: () => stopAll(children) }
  },
}

/**
 * Telegraf's json_v2 parser on a contract v1.1 batch: one metric per element of `samples`, its
 * address as tags, its readings (ts, total, seq) as fields. No validation: a sample with a
 * negative total or an unknown machine goes on like any other.
 */
const TELEGRAF_BATCH_PARSER = [
  '  data_format = "json_v2"',
  '  [[inputs.mqtt_consumer.json_v2]]',
  '    measurement_name = "telemetry"',
  '    [[inputs.mqtt_consumer.json_v2.object]]',
  '      path = "samples"',
  '      tags = ["line", "machine", "channel"]',
  '      disable_prepend_keys = true',
]

/** Telegraf's MQTT consumer and Kafka output, in its at-least-once mode (ack after delivery). */
export function telegraf(binary: string): Contender {
  return {
    name: 'telegraf mqtt_consumer -> kafka',
    guarantee: 'at-least-once opt-in: persistent session, ack after output delivery',
    start(env, outTopic, runId) {
      const dir = join(env.workDir, `telegraf-${runId}`)
      mkdirSync(dir, { recursive: true })
      const conf = join(dir, 'telegraf.conf')
      writeFileSync(
        conf,
        [
          '[agent]',
          '  interval = "1s"',
          '  flush_interval = "100ms"',
          '  flush_jitter = "0s"',
          '  metric_batch_size = 1000',
          '  metric_buffer_limit = 100000',
          '  omit_hostname = true',
          '  quiet = true',
          '[[inputs.mqtt_consumer]]',
          `  servers = ["tcp://${env.mqttHost}:${env.mqttPort}"]`,
          `  topics = ["${filter(`bench-tg-${runId}`, env)}"]`,
          '  qos = 1',
          '  persistent_session = true',
          `  client_id = "bench-tg-${runId}"`,
          '  username = "ingest"',
          `  password = "${env.ingestPassword}"`,
          '  max_undelivered_messages = 1000',
          ...(env.batchSize > 0 ? TELEGRAF_BATCH_PARSER : ['  data_format = "json"', '  topic_tag = "topic"']),
          '[[outputs.kafka]]',
          `  brokers = ["${env.kafkaBrokers}"]`,
          `  topic = "${outTopic}"`,
          '  required_acks = -1',
          // Keyed by device as MillStream keys its records: the machine tag for batches, the topic for v1.
          `  routing_tag = "${env.batchSize > 0 ? 'machine' : 'topic'}"`,
          '  data_format = "json"',
          '',
        ].join('\n'),
      )
      const child = spawn(binary, ['--config', conf], { stdio: ['ignore', 'ignore', 'inherit'] })
      return { pids: () => (child.pid ? [child.pid] : []), ready: () => settle(2500), stop: () => stopAll([child]) }
    },
  }
}
