import { TEST_REGISTRY_PATH, loadGatewayCredentials, loadRegistry } from '@millstream/seeds'
import mqtt from 'mqtt'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startSimulator } from './app.ts'
import { NO_CHAOS } from './chaos/chaos-config.ts'
import { createMqttSink } from './publish/mqtt-sink.ts'
import type { PublishOutcome } from './report/publish-outcome.ts'
import type { SimMessage } from './sim/sim-message.ts'

const servers = inject('servers')
const logger = pino({ level: 'silent' })
const credentials = () => loadGatewayCredentials(servers.mqttCredentialsFile)
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}`

describe('the simulator on the real broker', () => {
  const received = new Set<string>()
  let subscriber: mqtt.MqttClient

  beforeAll(async () => {
    const users = JSON.parse((await import('node:fs')).readFileSync(servers.mqttCredentialsFile, 'utf8')) as Record<string, string>
    subscriber = await mqtt.connectAsync(servers.mqttUrl, { protocolVersion: 5, clientId: unique('sim-sub'), username: 'ingest', password: users.ingest })
    subscriber.on('message', (topic, payload) => received.add(`${topic} ${payload.toString()}`))
    // The ingest account may subscribe only through a shared group (deploy/local/mqtt-acl.ts).
    await subscriber.subscribeAsync(`$share/${unique('sim-group')}/mill/v1/test-firm/test-plant/#`, { qos: 1 })
  })
  afterAll(async () => {
    await subscriber?.endAsync()
  })

  it('publishes a period with QoS 1: every message acknowledged, and each one reaches a subscriber', async () => {
    const registry = loadRegistry(TEST_REGISTRY_PATH)
    const run = await startSimulator(
      {
        registry, registrySource: TEST_REGISTRY_PATH, seed: 21, mode: 'fast', fromMs: Date.now() - 20 * 60_000, toMs: Date.now() - 10 * 60_000, speed: 1,
        periodS: 10, heartbeatS: 60, tsFormat: 'mixed', chaos: NO_CHAOS, sink: 'mqtt', progressIntervalMs: 60_000,
        mqtt: {
          url: servers.mqttUrl, maxInflight: 50, clientIdPrefix: unique('sim'), connectTimeoutMs: 10_000,
          credentials: (firm, plant) => credentials().forPlant(firm, plant) ?? { username: 'missing', password: 'missing' },
        },
      },
      { logger },
    )
    const { report } = await run.done
    expect(report.totals.sent).toBeGreaterThan(1000)
    expect(report.totals.acked).toBe(report.totals.sent)
    const deadline = Date.now() + 20_000
    const sentKeys = () => Object.values(report.devices).reduce((n, d) => n + d.acked, 0)
    while (received.size < sentKeys() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    expect(received.size).toBeGreaterThanOrEqual(sentKeys())
  })

  it('counts a publish outside its own plant as refused with PUBACK reason 0x87', async () => {
    const gateway = credentials().forPlant('test-firm', 'test-plant')
    if (!gateway) throw new Error('no credentials for the test plant')
    const sink = createMqttSink({ url: servers.mqttUrl, username: gateway.username, password: gateway.password, clientId: unique('sim-acl'), maxInflight: 5, logger })
    await sink.start()
    const outcomes: PublishOutcome[] = []
    const message = (topic: string): SimMessage => ({ atMs: 0, ts: 0, topic, payload: '{"ts":0,"total":1}', deviceKey: 'x', channel: 'count', kind: 'telemetry' })
    await sink.publish(message('mill/v1/dean-textile/dean-1/weaving-airjet/aj-01/count'), (o) => outcomes.push(o))
    await sink.publish(message('mill/v1/test-firm/test-plant/weaving/loom-01/count'), (o) => outcomes.push(o))
    await sink.stop()
    expect(outcomes).toEqual([{ kind: 'refused', reasonCode: 0x87 }, { kind: 'acked' }])
  })

  it('fails to start with a non-retriable error when the gateway password is wrong', async () => {
    const sink = createMqttSink({ url: servers.mqttUrl, username: 'gw-test-firm-test-plant', password: 'wrong', clientId: unique('sim-bad'), maxInflight: 5, logger, connectTimeoutMs: 5_000 })
    await expect(sink.start()).rejects.toMatchObject({ code: 'mqtt_connect_failed', retriable: false })
    await sink.stop()
  })
})
