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
 * N gateway connections publishing `count` messages at a fixed total rate, QoS 1. Each payload's
 * `ts` is its publish time, so the Kafka side can measure publish-to-Kafka latency.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const clients: MqttClient[] = await Promise.all(
    Array.from({ length: o.gateways }, (_, g) =>
      mqtt.connectAsync(o.url, { protocolVersion: 5, clientId: `bench-gw-${process.pid}-${o.clientTag ?? 'm'}-${g}`, username: o.username, password: o.password, reconnectPeriod: 500 }),
    ),
  )
  const total = Math.round(o.ratePerS * o.durationS)
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
      while (offered < due) {
        const g = offered % o.gateways
        if ((inFlight[g] as number) >= window) break
        const device = o.devices[offered % o.devices.length] as string
        const seq = (seqs.get(device) ?? 0) + 1
        seqs.set(device, seq)
        const isBad = badEvery > 0 && offered % badEvery === badEvery - 1
        const payload = isBad ? `{"ts":${Date.now()},"total":-1,"seq":${seq}}` : `{"ts":${Date.now()},"total":${seq * 10},"seq":${seq}}`
        if (isBad) bad += 1
        inFlight[g] = (inFlight[g] as number) + 1
        offered += 1
        ;(clients[g] as MqttClient).publish(`${device}/count`, payload, { qos: 1 }, () => {
          inFlight[g] = (inFlight[g] as number) - 1
          acked += 1
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
