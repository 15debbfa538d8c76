import { request } from 'node:http'
import { ELEMENT_FIELDS, PRODUCTION_FIELDS, STATE_FIELDS } from '@millstream/contract'
import type { Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testKafka } from '../support/kafka.ts'
import { uniqueName } from '../support/servers.ts'
import { startTestApi, type TestApi } from './api-support.ts'
import { openSse } from './sse-client.ts'

const MINUTES = uniqueName('api-minutes')
const TELEMETRY = uniqueName('api-telemetry')
const PLANT = { firm: 'test-firm', plant: 'test-plant' }
const LIVE = '/v1/firms/test-firm/plants/test-plant/live'

let t: TestApi
let producer: Producer
let loom = ''
beforeAll(async () => {
  const kafka = testKafka()
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: MINUTES, numPartitions: 2 }, { topic: TELEMETRY, numPartitions: 2 }], waitForLeaders: true })
  await admin.disconnect()
  producer = kafka.producer()
  await producer.connect()
  t = await startTestApi({ bucket: 'telemetry', env: { API_LIVE_TOPIC: MINUTES, API_TELEMETRY_TOPIC: TELEMETRY, API_SSE_HEARTBEAT: '200ms', API_SSE_MAX_PENDING_BYTES: '524288' } })
  const plant = (await t.get('/v1/firms/test-firm/plants/test-plant', await t.tokenOf('admin'))).body as { lines: { id: string; machines: { id: string; type: string }[] }[] }
  loom = plant.lines.find((l) => l.id === 'weaving')?.machines[0]?.id ?? ''
  const deadline = Date.now() + 30_000
  while (!t.api.liveRunning && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
}, 90_000)
afterAll(async () => {
  await producer?.disconnect()
  await t?.stop()
})

const state = (device: string, s: string, ts = Date.now()) => ({ v: 1, ...PLANT, line: 'weaving', device, ts, receivedAt: ts, channel: 'state', state: s })
const send = (topic: string, value: object) => producer.send({ topic, messages: [{ key: `test-firm/test-plant/weaving/${loom}`, value: JSON.stringify(value) }] })

describe('live SSE', () => {
  it('starts with a snapshot in which unheard machines are no_data, not stopped', async () => {
    const s = openSse(`${t.base}${LIVE}?line=weaving`, await t.tokenOf('plant_manager'))
    const snap = await s.waitFor((e) => e.event === 'snapshot')
    const machines = (snap.data as { machines: { device: string; state: string }[] }).machines
    expect(machines.length).toBeGreaterThan(0)
    expect(machines.every((m) => m.state === 'no_data')).toBe(true)
    await s.close()
  })

  it('streams a state change from the telemetry topic and a minute from the live topic, then resumes after Last-Event-ID', async () => {
    const token = await t.tokenOf('plant_manager')
    const s = openSse(`${t.base}${LIVE}`, token)
    await s.waitFor((e) => e.event === 'snapshot')
    // The consumer group joins in the background: send until the first record gets through.
    const deadline = Date.now() + 30_000
    while (!s.events.some((e) => e.event === 'state') && Date.now() < deadline) {
      await send(TELEMETRY, state(loom, 'down'))
      await new Promise((r) => setTimeout(r, 500))
    }
    const changed = await s.waitFor((e) => e.event === 'state')
    expect(changed.data).toMatchObject({ device: loom, line: 'weaving', state: 'down' })
    const fields = Object.fromEntries([...STATE_FIELDS, ...ELEMENT_FIELDS, 'stops', ...PRODUCTION_FIELDS].map((f) => [f, 0]))
    await send(MINUTES, { v: 1, kind: 'machine', ...PLANT, line: 'weaving', device: loom, minuteStartMs: 60_000 * Math.floor(Date.now() / 60_000), final: false, fields: { ...fields, down_s: 60 }, stops: {}, intake: { samples: 1, late: 0, duplicates: 0, tooLate: 0, discontinuities: 0 } })
    const minute = await s.waitFor((e) => e.event === 'minute')
    expect(minute.data).toMatchObject({ device: loom, fields: { down_s: 60 } })
    await s.close()

    await send(TELEMETRY, state(loom, 'running'))
    const deadline2 = Date.now() + 10_000
    while (t.api.hub.lastId <= Number(minute.id) && Date.now() < deadline2) await new Promise((r) => setTimeout(r, 50))
    const resumed = openSse(`${t.base}${LIVE}`, token, minute.id)
    const missed = await resumed.waitFor((e) => e.event === 'state')
    expect(missed.data).toMatchObject({ state: 'running' })
    expect(resumed.events.some((e) => e.event === 'snapshot')).toBe(false)
    await resumed.close()
    const after = openSse(`${t.base}${LIVE}`, token)
    const snap = await after.waitFor((e) => e.event === 'snapshot')
    expect((snap.data as { machines: { device: string; state: string }[] }).machines.find((m) => m.device === loom)?.state).toBe('running')
    await after.close()
  })

  it('streams the state samples inside a device batch record, in order, like single ones (issue 16)', async () => {
    const s = openSse(`${t.base}${LIVE}`, await t.tokenOf('plant_manager'))
    await s.waitFor((e) => e.event === 'snapshot')
    const ts = Date.now()
    const samples = [
      { channel: 'state', ts, state: 'idle', reason: 'no_material' },
      { channel: 'count', ts: ts + 1, total: 10 },
      { channel: 'state', ts: ts + 2, state: 'setup' },
    ]
    // A value as ingest writes it for a batch message or a Sparkplug DDATA with several metrics.
    await send(TELEMETRY, { v: 1, ...PLANT, line: 'weaving', device: loom, receivedAt: ts, samples })
    await s.waitFor((e) => e.event === 'state' && (e.data as { state?: string }).state === 'setup')
    const states = s.events.filter((e) => e.event === 'state' && (e.data as { ts?: number }).ts !== undefined && ((e.data as { ts: number }).ts >= ts))
    expect(states.map((e) => e.data)).toEqual([
      expect.objectContaining({ device: loom, line: 'weaving', state: 'idle', ts, reason: 'no_material' }),
      expect.objectContaining({ device: loom, line: 'weaving', state: 'setup', ts: ts + 2 }),
    ])
    await s.close()
  })

  it('sends heartbeats', async () => {
    const res = await fetch(`${t.base}${LIVE}`, { headers: { authorization: `Bearer ${await t.tokenOf('plant_manager')}` } })
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    const deadline = Date.now() + 5_000
    while (!text.includes(': heartbeat') && Date.now() < deadline) text += (await reader?.read())?.value ?? ''
    expect(text).toContain(': heartbeat')
    await reader?.cancel()
  })

  it('drops a client that stops reading while a reading one keeps up', async () => {
    const token = await t.tokenOf('plant_manager')
    const fast = openSse(`${t.base}${LIVE}`, token)
    await fast.waitFor((e) => e.event === 'snapshot')
    // Never reads after the headers: the server's unread bytes grow. (A paused socket does not read
    // the server's FIN either, so the drop is observed on the server's count.)
    const slow = request(`${t.base}${LIVE}`, { headers: { authorization: `Bearer ${token}` } }, (res) => res.pause())
    slow.end()
    await new Promise((r) => setTimeout(r, 300))
    const before = t.api.droppedClients
    const pad = 'x'.repeat(10_000)
    for (let batch = 0; batch < 300 && t.api.droppedClients === before; batch++) {
      for (let i = 0; i < 10; i++) t.api.hub.publish('test-firm', 'test-plant', { type: 'minute', line: 'weaving', device: loom, data: { pad, n: batch * 10 + i } })
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(t.api.droppedClients).toBe(before + 1)
    slow.destroy()
    const n = (fast.events.at(-1)?.data as { n?: number }).n ?? 0
    await fast.waitFor((e) => (e.data as { n?: number }).n === n)
    expect(t.api.hub.subscribers).toBe(1)
    await fast.close()
  })
})
