import mqtt, { type MqttClient } from 'mqtt'
import { mqttPassword, servers, uniqueName } from './servers.ts'

export interface PublishJob {
  topic: string
  payload: string | Buffer
}

export interface PublishResult {
  /** PUBACK reason 0: the broker delivered (or queued) the message. */
  acked: number
  /** PUBACK reason >= 0x80 (e.g. 0x87 Not authorized). */
  refused: number
  /** Still PUBACK 16 (no matching subscribers) after every resend: the broker dropped them. */
  unrouted?: number
}

/**
 * Publishes with QoS 1 through `connections` clients, at most `window` unacknowledged per
 * client, until every message has its PUBACK. Reconnects and resends what was not acknowledged.
 * Like a careful gateway (docs/ingest.md), it counts only reason 0 as delivered: a PUBACK 16 is
 * sent again, up to `resends16` times.
 */
export async function publishAll(jobs: PublishJob[], options: { username: string; connections?: number; window?: number; resends16?: number }): Promise<PublishResult> {
  const { username, connections = 4, window = 200, resends16 = 100 } = options
  const lanes: PublishJob[][] = Array.from({ length: connections }, () => [])
  jobs.forEach((job, i) => lanes[i % connections]?.push(job))
  const results = await Promise.all(lanes.map((lane) => publishLane(lane, username, window, resends16)))
  const sum = results.reduce((a, b) => ({ acked: a.acked + b.acked, refused: a.refused + b.refused, unrouted: a.unrouted + b.unrouted }))
  return { acked: sum.acked, refused: sum.refused, ...(sum.unrouted > 0 ? { unrouted: sum.unrouted } : {}) }
}

async function publishLane(jobs: PublishJob[], username: string, window: number, resends16: number) {
  const client: MqttClient = await mqtt.connectAsync(servers().mqttUrl, {
    protocolVersion: 5,
    clientId: uniqueName('pub'),
    username,
    password: mqttPassword(username),
    reconnectPeriod: 500,
  })
  // mqtt.js reports PUBACK 16 as success and hands back the PUBLISH: read the code on the way in.
  const unroutedIds = new Set<number>()
  client.on('packetreceive', (p) => {
    const ack = p as { cmd: string; messageId?: number; reasonCode?: number }
    if (ack.cmd === 'puback' && ack.reasonCode === 16 && ack.messageId !== undefined) unroutedIds.add(ack.messageId)
  })
  const publishOnce = (job: PublishJob) =>
    new Promise<'acked' | 'unrouted'>((resolve, reject) =>
      client.publish(job.topic, job.payload, { qos: 1 }, (err, packet) => {
        if (err) return reject(err)
        resolve(packet?.messageId !== undefined && unroutedIds.delete(packet.messageId) ? 'unrouted' : 'acked')
      }),
    )
  let next = 0
  const counts = { acked: 0, refused: 0, unrouted: 0 }
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as PublishJob
      try {
        let outcome = await publishOnce(job)
        for (let i = 0; outcome === 'unrouted' && i < resends16; i++) {
          await new Promise((r) => setTimeout(r, 50))
          outcome = await publishOnce(job)
        }
        counts[outcome] += 1
      } catch (err) {
        if ((err as { code?: number }).code !== undefined && (err as { code: number }).code >= 0x80) counts.refused += 1
        else throw err
      }
    }
  }
  await Promise.all(Array.from({ length: window }, worker))
  await client.endAsync()
  return counts
}
