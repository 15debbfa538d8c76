import mqtt, { type MqttClient } from 'mqtt'

export interface LoadOptions {
  url: string
  username: string
  password: string
  gateways: number
  ratePerS: number
  durationS: number
  /** Share of messages that are deliberately invalid (dead-letter path). */
  badRate: number
  devices: string[]
  /** Unacknowledged QoS 1 publishes allowed per gateway connection. */
  window?: number
  /**
   * Samples per message: 0 publishes v1 messages (one per sample, on each device's topic); N > 0
   * publishes contract v1.1 batches of N samples, round-robin over the devices, on `batchTopic`.
   */
  batchSize?: number
  batchTopic?: string
  /** Distinguishes the client ids of parallel generators. */
  clientTag?: string
  onProgress?: (sent: number) => void
}

export interface LoadResult {
  offered: number
  acked: number
  bad: number
  elapsedS: number
}

/**
 * N gateway connections publishing samples at a fixed total rate (`ratePerS` samples/s), QoS 1,
 * one per message or `batchSize` per batch message. Each sample's `ts` is its publish time, so
 * the Kafka side can measure publish-to-Kafka latency. Counts are samples.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const clients: MqttClient[] = await Promise.all(
    Array.from({ length: o.gateways }, (_, g) =>
      mqtt.connectAsync(o.url, { protocolVersion: 5, clientId: `bench-gw-${process.pid}-${o.clientTag ?? 'm'}-${g}`, username: o.username, password: o.password, reconnectPeriod: 500 }),
    ),
  )
  const perMessage = Math.max(1, o.batchSize ?? 0)
  const total = Math.round((o.ratePerS * o.durationS) / perMessage) * perMessage
  const window = o.window ?? 500
  let offered = 0
  let acked = 0
  let bad = 0
  const inFlight = new Array<number>(o.gateways).fill(0)
  const seqs = new Map<string, number>()
  const began = performance.now()
  let lastReport = performance.now()
  const badEvery = o.badRate > 0 ? Math.round(1 / o.badRate) : 0

  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * o.ratePerS))
      while (offered + perMessage <= due) {
        const g = (offered / perMessage) % o.gateways
        if ((inFlight[g] as number) >= window) break
        const now = Date.now()
        const samples: string[] = []
        let device = ''
        for (let i = 0; i < perMessage; i++) {
          device = o.devices[(offered + i) % o.devices.length] as string
          const seq = (seqs.get(device) ?? 0) + 1
          seqs.set(device, seq)
          const isBad = badEvery > 0 && (offered + i) % badEvery === badEvery - 1
          if (isBad) bad += 1
          const fields = `"ts":${now},"total":${isBad ? -1 : seq * 10},"seq":${seq}`
          samples.push(perMessage === 1 && !o.batchSize ? `{${fields}}` : `{${sampleAddress(device)}${fields}}`)
        }
        const [topic, payload] = o.batchSize ? [o.batchTopic as string, `{"samples":[${samples.join(',')}]}`] : [`${device}/count`, samples[0] as string]
        inFlight[g] = (inFlight[g] as number) + 1
        offered += perMessage
        ;(clients[g] as MqttClient).publish(topic, payload, { qos: 1 }, () => {
          inFlight[g] = (inFlight[g] as number) - 1
          acked += perMessage
          if (acked === total) resolve()
        })
      }
      if (performance.now() - lastReport > 2000) {
        lastReport = performance.now()
        o.onProgress?.(offered)
      }
      if (offered < total) setTimeout(tick, 5)
    }
    tick()
  })
  const elapsedS = (performance.now() - began) / 1000
  await Promise.all(clients.map((c) => c.endAsync()))
  return { offered, acked, bad, elapsedS }
}

const addresses = new Map<string, string>()
/** `"line":…,"machine":…,"channel":"count",` of a device topic prefix mill/v1/{firm}/{plant}/{line}/{machine}. */
function sampleAddress(devicePrefix: string): string {
  let address = addresses.get(devicePrefix)
  if (address === undefined) {
    const [line, machine] = devicePrefix.split('/').slice(4)
    address = `"line":"${line}","machine":"${machine}","channel":"count",`
    addresses.set(devicePrefix, address)
  }
  return address
}
