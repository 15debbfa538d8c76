import type { TestProject } from 'vitest/node'
import { startContainers } from './containers.ts'
import { deferBucketDeletes } from './deferred-buckets.ts'

export interface ServerEnv {
  kafkaBrokers: string
  mqttUrl: string
  mqttTlsUrl: string
  mqttCaFile: string
  mqttCredentialsFile: string
  influxUrl: string
  influxToken: string
  influxOrg: string
  influxBucket: string
  /** deploy/local/servers.sh when the servers are local processes that fault tests may stop. */
  serversScript: string
  /** The influxd binary and its engine folder, for InfluxDB's own export (local servers only). */
  influxdBin?: string
  influxEnginePath?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    servers: ServerEnv
  }
}

const REQUIRED = ['KAFKA_BROKERS', 'MQTT_URL', 'INFLUX_URL', 'INFLUX_TOKEN', 'MQTT_CREDENTIALS_FILE'] as const

/**
 * The integration suite runs against real servers only. Order: servers named by the
 * environment (deploy/local/servers.sh, CI), then testcontainers where a container runtime
 * exists, otherwise a failure that says how to start them. It never skips.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const e = process.env
  const deleteBuckets = deferBucketDeletes()
  if (REQUIRED.every((name) => e[name])) {
    const env: ServerEnv = {
      kafkaBrokers: e.KAFKA_BROKERS as string,
      mqttUrl: e.MQTT_URL as string,
      mqttTlsUrl: e.MQTT_TLS_URL ?? '',
      mqttCaFile: e.MQTT_CA_FILE ?? '',
      mqttCredentialsFile: e.MQTT_CREDENTIALS_FILE as string,
      influxUrl: e.INFLUX_URL as string,
      influxToken: e.INFLUX_TOKEN as string,
      influxOrg: e.INFLUX_ORG ?? 'millstream',
      influxBucket: e.INFLUX_BUCKET ?? 'telemetry',
      serversScript: e.MILLSTREAM_SERVERS ?? '',
      ...(e.INFLUXD_BIN && e.INFLUX_ENGINE_PATH ? { influxdBin: e.INFLUXD_BIN, influxEnginePath: e.INFLUX_ENGINE_PATH } : {}),
    }
    project.provide('servers', env)
    return () => deleteBuckets(env)
  }
  const started = await startContainers().catch((err: unknown) => {
    const missing = REQUIRED.filter((name) => !e[name]).join(', ')
    throw new Error(
      `The integration suite needs real Kafka, Mosquitto and InfluxDB, and found none.\n` +
        `  ${missing} unset, and testcontainers found no container runtime (${(err as Error).message}).\n` +
        `  Start the servers with:  bash deploy/local/servers.sh up && source .run/servers/env\n` +
        `  or run every test with:  pnpm test`,
    )
  })
  project.provide('servers', started.env)
  return async () => {
    await deleteBuckets(started.env)
    await started.stop()
  }
}
