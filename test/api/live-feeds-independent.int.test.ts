import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testKafka } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { startTestApi, type TestApi } from './api-support.ts'
import { openSse } from './sse-client.ts'

// The API may start before the aggregator has created the minute topic (a fresh deployment, or
// the aggregator down). State changes must still reach the live grid within 2 s meanwhile: the
// feeds used to start together, and the missing topic tore the state feed down every 2 s.
const MINUTES = uniqueName('api-minutes-absent')
const TELEMETRY = uniqueName('api-telemetry')
const PLANT = { firm: 'test-firm', plant: 'test-plant' }
const LIVE = '/v1/firms/test-firm/plants/test-plant/live?line=weaving'

let t: TestApi
let producer: Producer
beforeAll(async () => {
  const kafka = testKafka()
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: TELEMETRY, numPartitions: 2 }], waitForLeaders: true })
  await admin.disconnect()
  producer = kafka.producer()
  await producer.connect()
  t = await startTestApi({ bucket: 'telemetry', env: { API_LIVE_TOPIC: MINUTES, API_TELEMETRY_TOPIC: TELEMETRY } })
  const deadline = Date.now() + 30_000
  while (!t.api.liveFeeds.states && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
}, 90_000)
afterAll(async () => {
  await producer?.disconnect()
  await t?.stop()
})

describe('live feeds start and retry independently', () => {
  it('delivers every state change within 2 s for 12 s while the minute topic does not exist, then picks the minute topic up', async () => {
    expect(t.api.liveFeeds).toEqual({ minutes: false, states: true })
    const plant = (await t.get('/v1/firms/test-firm/plants/test-plant', await t.tokenOf('admin'))).body as { lines: { id: string; machines: { id: string }[] }[] }
    const loom = plant.lines.find((l) => l.id === 'weaving')?.machines[0]?.id ?? ''
    const arrived = new Map<number, number>()
    const s = openSse(`${t.base}${LIVE}`, await t.tokenOf('plant_manager'), undefined, (e, at) => {
      if (e.event === 'state') arrived.set((e.data as { ts: number }).ts, at)
    })
    const send = (topic: string, value: object) => producer.send({ topic, messages: [{ key: `test-firm/test-plant/weaving/${loom}`, value: JSON.stringify(value) }] })
    // Warm up until the feed delivers (the SSE connection and the group join settle), then measure.
    for (const deadline = Date.now() + 30_000; arrived.size === 0 && Date.now() < deadline;) {
      const ts = Date.now()
      await send(TELEMETRY, { v: 1, ...PLANT, line: 'weaving', device: loom, ts, receivedAt: ts, channel: 'state', state: 'running' })
      await new Promise((r) => setTimeout(r, 300))
    }
    arrived.clear()
    const sent = new Map<number, number>()
    for (let i = 0; i < 48; i++) {
      const ts = Date.now()
      sent.set(ts, ts)
      await send(TELEMETRY, { v: 1, ...PLANT, line: 'weaving', device: loom, ts, receivedAt: ts, channel: 'state', state: i % 2 ? 'running' : 'down' })
      await new Promise((r) => setTimeout(r, 250))
    }
    for (const deadline = Date.now() + 5_000; arrived.size < sent.size && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50))
    const late = [...sent].filter(([ts, at]) => !arrived.has(ts) || (arrived.get(ts) as number) - at > 2_000)
    expect(late).toEqual([])
    expect(t.api.liveFeeds.minutes).toBe(false)

    // The aggregator creates the minute topic: the minute feed starts on its next retry.
    const admin = testKafka().admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: MINUTES, numPartitions: 1 }], waitForLeaders: true })
    await admin.disconnect()
    for (const deadline = Date.now() + 30_000; !t.api.liveRunning && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100))
    expect(t.api.liveFeeds).toEqual({ minutes: true, states: true })
    await s.close()
  }, 120_000)
})
