import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dynsecConfig, SERVICE_ACCOUNTS } from '../../deploy/local/mqtt-acl.ts'
import type { ServerEnv } from './global-setup.ts'

const INFLUX_TOKEN = 'millstream-dev-token'

/**
 * Starts the same server versions as deploy/local in containers, for machines with a Docker
 * engine. Loaded only when no servers are named by the environment.
 */
export async function startContainers(): Promise<{ env: ServerEnv; stop: () => Promise<void> }> {
  const tc = await import('testcontainers')
  await tc.getContainerRuntimeClient()
  const dir = mkdtempSync(join(tmpdir(), 'millstream-tc-'))
  const credentials = { ingest: 'ingest-test', 'millstream-test': 'test-test' }
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials))
  // The same roles as deploy/local (mqtt-acl.ts), for the service accounts.
  writeFileSync(join(dir, 'dynsec.json'), JSON.stringify(dynsecConfig(SERVICE_ACCOUNTS, credentials)))
  writeFileSync(
    join(dir, 'mosquitto.conf'),
    'listener 1883\nallow_anonymous false\nplugin /usr/lib/mosquitto_dynamic_security.so\nplugin_opt_config_file /mosquitto/config/dynsec.json\npersistence true\npersistence_location /mosquitto/data/\nmax_queued_messages 1000000\nmax_inflight_messages 2000\nmax_packet_size 1048576\n',
  )

  const kafka = await new tc.GenericContainer('apache/kafka:3.9.1')
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://localhost:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    // The advertised port must equal the host port, so it is fixed.
    .withExposedPorts({ container: 9092, host: 19092 })
    .withWaitStrategy(tc.Wait.forLogMessage('Kafka Server started'))
    .start()
  const mqtt = await new tc.GenericContainer('eclipse-mosquitto:2.0.21')
    .withCopyFilesToContainer(['mosquitto.conf', 'dynsec.json'].map((f) => ({ source: join(dir, f), target: `/mosquitto/config/${f}` })))
    .withCommand(['mosquitto', '-c', '/mosquitto/config/mosquitto.conf'])
    .withExposedPorts(1883)
    .start()
  const influx = await new tc.GenericContainer('influxdb:2.7.12')
    .withEnvironment({
      DOCKER_INFLUXDB_INIT_MODE: 'setup',
      DOCKER_INFLUXDB_INIT_USERNAME: 'millstream',
      DOCKER_INFLUXDB_INIT_PASSWORD: 'millstream-dev-password',
      DOCKER_INFLUXDB_INIT_ORG: 'millstream',
      DOCKER_INFLUXDB_INIT_BUCKET: 'telemetry',
      DOCKER_INFLUXDB_INIT_ADMIN_TOKEN: INFLUX_TOKEN,
    })
    .withExposedPorts(8086)
    .withWaitStrategy(tc.Wait.forHttp('/health', 8086))
    .start()

  return {
    env: {
      kafkaBrokers: 'localhost:19092',
      mqttUrl: `mqtt://${mqtt.getHost()}:${mqtt.getMappedPort(1883)}`,
      mqttTlsUrl: '',
      mqttCaFile: '',
      mqttCredentialsFile: join(dir, 'credentials.json'),
      influxUrl: `http://${influx.getHost()}:${influx.getMappedPort(8086)}`,
      influxToken: INFLUX_TOKEN,
      influxOrg: 'millstream',
      influxBucket: 'telemetry',
      serversScript: '',
    },
    stop: async () => {
      await Promise.allSettled([kafka.stop(), mqtt.stop(), influx.stop()])
    },
  }
}
