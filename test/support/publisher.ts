import mqtt, { type MqttClient } from 'mqtt'
import { mqttPassword, servers, uniqueName } from './servers.ts'

export interface PublishJob {
  topic: string
  payload: string | Buffer
}

/**
 * Publishes with QoS 1 through `connections` clients, at most `window` unacknowledged per
 * client, until every message has its PUBACK. Reconnects and resends what was not acknowledged.
 */
export async function publishAll(jobs: PublishJob[], options: { username: string; connections?: number; window?: number }): Promise<{ acked: number; refused: number }> {
  const { username, connections = 4, window = 200 } = options
  const lanes: PublishJob[][] = Array.from({ length: connections }, () => [])
  jobs.forEach((job, i) => lanes[i % connections]?.push(job))
  const results = await Promise.all(lanes.map((lane) => publishLane(lane, username, window)))
  return results.reduce((a, b) => ({ acked: a.acked + b.acked, refused: a.refused + b.refused }), { acked: 0, refused: 0 })
}

async function publishLane(jobs: PublishJob[], username: string, window: number) {
  const client: MqttClient = await mqtt.connectAsync(servers().mqttUrl, {
    protocolVersion: 5,
    clientId: uniqueName('pub'),
    username,
    password: mqttPassword(username),
    reconnectPeriod: 500,
  })
  let next = 0
  let acked = 0
  let refused = 0
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as PublishJob
      try {
        await client.publishAsync(job.topic, job.payload, { qos: 1 })
        acked += 1
      } catch (err) {
        if ((err as { code?: number }).code !== undefined && (err as { code: number }).code >= 0x80) refused += 1
        else throw err
      }
    }
  }
  await Promise.all(Array.from({ length: window }, worker))
  await client.endAsync()
  return { acked, refused }
}
