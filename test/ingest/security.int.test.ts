import { readFileSync } from 'node:fs'
import { KAFKA_TOPICS } from '@millstream/contract'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { telemetryRecords } from '../support/batch.ts'
import { startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { mqttPassword, servers, uniqueName } from '../support/servers.ts'
import type { Ingest } from '@millstream/ingest'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const connect = (username: string | undefined, password: string | undefined) =>
  mqtt.connectAsync(servers().mqttUrl, { protocolVersion: 5, clientId: uniqueName('sec'), username, password, reconnectPeriod: 0 })

describe('tenancy at the broker', () => {
  it('refuses a gateway publishing under another plant (reason 135) and nothing reaches Kafka', async () => {
    ingest = await startTestIngest()
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
    const gateway = await connect(TEST_PLANT_USER, mqttPassword(TEST_PLANT_USER))
    const marker = Date.now() - 1000
    const foreign = `mill/v1/lakeside-down/gongqingcheng/filling/df-01/state`
    await expect(gateway.publishAsync(foreign, JSON.stringify({ ts: marker, state: 'running', seq: 777 }), { qos: 1 })).rejects.toMatchObject({ code: 135 })
    // A contract v1.1 batch for another plant is refused the same way: its topic is in that plant's subtree.
    const foreignBatch = JSON.stringify({ samples: [{ line: 'filling', machine: 'df-01', channel: 'state', ts: marker, state: 'running', seq: 778 }] })
    await expect(gateway.publishAsync('mill/v1/lakeside-down/gongqingcheng/batch', foreignBatch, { qos: 1 })).rejects.toMatchObject({ code: 135 })
    await gateway.endAsync()
    const seen = await consumeFrom<{ ts: number }>(KAFKA_TOPICS.telemetry, from, { until: () => false, timeoutMs: 2_000, decode: telemetryRecords })
    const dead = await consumeFrom<{ receivedAt: number }>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: () => false, timeoutMs: 500 })
    expect(seen.filter((r) => r.value.ts === marker)).toHaveLength(0)
    expect(dead.filter((r) => r.key.startsWith('lakeside-down') || r.key.startsWith('mill/v1/lakeside-down'))).toHaveLength(0)
  })

  it('refuses anonymous clients and lets the ingest account only read', async () => {
    await expect(connect(undefined, undefined)).rejects.toMatchObject({ code: 135 })
    const ingestAccount = await connect('ingest', mqttPassword('ingest'))
    await expect(ingestAccount.publishAsync('mill/v1/test-firm/test-plant/weaving/loom-01/state', '{}', { qos: 1 })).rejects.toMatchObject({ code: 135 })
    await ingestAccount.endAsync()
  })

  it('serves gateways over TLS with the generated certificate', async () => {
    const { mqttTlsUrl, mqttCaFile } = servers()
    expect(mqttTlsUrl, 'deploy/local configures a TLS listener').not.toBe('')
    const client = await mqtt.connectAsync(mqttTlsUrl, { protocolVersion: 5, clientId: uniqueName('tls'), username: TEST_PLANT_USER, password: mqttPassword(TEST_PLANT_USER), ca: readFileSync(mqttCaFile), reconnectPeriod: 0 })
    await client.publishAsync('mill/v1/test-firm/test-plant/weaving/loom-01/state', JSON.stringify({ ts: Date.now(), state: 'idle' }), { qos: 1 })
    await client.endAsync()
  })
})
