import { SPARKPLUG_NAMESPACE, type SparkplugEdgeNode } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import mqtt, { type MqttClient } from 'mqtt'
import { rebirthCommand } from './sparkplug-payload-decode.ts'

export interface SparkplugCommanderOptions {
  url: string
  username: string
  password: string
  clientId: string
  /** The host application id of spBv1.0/STATE/{hostId} (Sparkplug 3.0, 7.5: primary host). */
  hostId: string
  ca?: Buffer
  logger: Logger
}

/**
 * The host's own connection: its STATE birth (retained, online) with the matching death as its
 * will, so edge nodes configured for this primary host see it come and go, and the NCMDs it sends.
 * Separate from the subscribing connection, whose PUBACK interception must not see our publishes.
 */
export function createSparkplugCommander(opts: SparkplugCommanderOptions) {
  let client: MqttClient | undefined
  const stateTopic = `${SPARKPLUG_NAMESPACE}/STATE/${opts.hostId}`
  return {
    async start(): Promise<void> {
      // Spec 3.0 (7.5.1, 7.5.2): birth and will carry the same timestamp, that of this connection.
      const timestamp = Date.now()
      client = await mqtt.connectAsync(opts.url, {
        protocolVersion: 5,
        clientId: opts.clientId,
        clean: true,
        username: opts.username,
        password: opts.password,
        reconnectPeriod: 1000,
        will: { topic: stateTopic, payload: Buffer.from(JSON.stringify({ online: false, timestamp })), qos: 1, retain: true },
        ...(opts.ca ? { ca: opts.ca } : {}),
      })
      client.on('error', (err) => opts.logger.warn({ err }, 'sparkplug command connection error'))
      await client.publishAsync(stateTopic, JSON.stringify({ online: true, timestamp }), { qos: 1, retain: true })
      opts.logger.info({ stateTopic }, 'sparkplug host online')
    },
    /** NCMD at QoS 0, as the spec has commands (6.4.11); the next rebirth request repeats it if lost. */
    rebirth(node: SparkplugEdgeNode): void {
      client?.publish(`${SPARKPLUG_NAMESPACE}/${node.groupId}/NCMD/${node.edgeNodeId}`, Buffer.from(rebirthCommand(Date.now())), { qos: 0 })
    },
    async stop(): Promise<void> {
      const c = client
      client = undefined
      if (!c) return
      // A clean stop says offline itself; the will covers a crash.
      await c.publishAsync(stateTopic, JSON.stringify({ online: false, timestamp: Date.now() }), { qos: 1, retain: true }).catch(() => undefined)
      await c.endAsync()
    },
  }
}
