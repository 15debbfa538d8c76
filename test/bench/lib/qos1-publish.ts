import mqtt from 'mqtt'

/**
 * Publishes `messages` QoS 1 messages on `bench/p<i mod 200>` with at most `window` unacknowledged,
 * each the next as soon as one is acknowledged; returns the acknowledged messages per second.
 * The broker benchmarks of issue 17 (crash window, autosave) measure a broker with it.
 */
export async function publishQos1(url: string, messages: number, body: (i: number) => Buffer, window: number): Promise<number> {
  const c = await mqtt.connectAsync(url, { clientId: 'bench-gateway', protocolVersion: 5 })
  const started = performance.now()
  let next = 0
  await new Promise<void>((resolve, reject) => {
    let acked = 0
    const send = (): void => {
      const i = next++
      c.publish(`bench/p${i % 200}`, body(i), { qos: 1 }, (err) => {
        if (err) return reject(err)
        if (++acked === messages) return resolve()
        if (next < messages) send()
      })
    }
    for (let i = 0; i < Math.min(window, messages); i++) send()
  })
  const seconds = (performance.now() - started) / 1000
  await c.endAsync()
  return messages / seconds
}
