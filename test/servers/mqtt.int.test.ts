import { readFileSync } from 'node:fs'
import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { mqttPassword, servers, uniqueName } from '../support/servers.ts'

const USER = 'millstream-test'

function connect(options: mqtt.IClientOptions = {}, url = servers().mqttUrl) {
  return mqtt.connectAsync(url, {
    protocolVersion: 5,
    clientId: uniqueName('check'),
    username: USER,
    password: mqttPassword(USER),
    reconnectPeriod: 0,
    ...options,
  })
}

describe('the Mosquitto broker', () => {
  it('delivers a QoS 1 message to a subscriber', async () => {
    const topic = `test/${uniqueName('qos1')}`
    const sub = await connect()
    await sub.subscribeAsync(topic, { qos: 1 })
    const got = new Promise<{ payload: string; qos: number }>((resolve) => {
      sub.on('message', (_t, payload, packet) => resolve({ payload: payload.toString(), qos: packet.qos }))
    })
    const pub = await connect()
    await pub.publishAsync(topic, 'hello', { qos: 1 })
    expect(await got).toEqual({ payload: 'hello', qos: 1 })
    await Promise.all([sub.endAsync(), pub.endAsync()])
  })

  it('refuses a publish outside the user’s ACL with MQTT 5 reason code 135', async () => {
    const client = await connect()
    await expect(client.publishAsync('mill/v1/somefirm/someplant/l/m/state', '{}', { qos: 1 })).rejects.toMatchObject({ code: 135 })
    await client.endAsync()
  })

  it('refuses a wrong password and an anonymous client', async () => {
    await expect(connect({ password: 'not-the-password' })).rejects.toMatchObject({ code: 135 }) // Mosquitto 2.0 answers a bad password with 135 Not authorized
    await expect(connect({ username: undefined, password: undefined })).rejects.toMatchObject({ code: 135 })
  })

  it('accepts TLS connections with the generated CA', async () => {
    const { mqttTlsUrl, mqttCaFile } = servers()
    if (!mqttTlsUrl) return expect(servers().serversScript, 'TLS is configured by deploy/local only').toBe('')
    const client = await connect({ ca: readFileSync(mqttCaFile) }, mqttTlsUrl)
    expect(client.connected).toBe(true)
    await client.endAsync()
  })
})
