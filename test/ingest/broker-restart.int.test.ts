import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { NO_CHAOS, type SimulationReport } from '@millstream/simulator'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestIngest, TEST_COUNTERS, TEST_PLANT_USER, TEST_PREFIX } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { CRASH_WINDOW_MS, missingInKafka, pahoStream } from '../support/paho.ts'
import { serversCommand } from '../support/process.ts'
import { servers } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const DAY_MS = 24 * 3600_000

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
  await serversCommand(servers().serversScript, 'up', 'mosquitto')
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`)
    await sleep(20)
  }
  return Date.now() - started
}
/** When the broker's port accepts connections again, polled every few milliseconds while `servers.sh up` runs. */
async function portOpenedAt(port: number, until: Promise<unknown>): Promise<number> {
  let done = false
  void until.finally(() => (done = true))
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return Date.now()
    if (done) throw new Error('servers.sh up returned and the port is still closed')
    await sleep(5)
  }
}
const readyz = (port: number) => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false)

describe('ingest across broker restarts (issue 10, publishing with paho-mqtt)', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`subscribes again after a broker ${signal} mid-stream: /readyz red while away, every reason-0 PUBACK in Kafka${signal === 'SIGKILL' ? ' outside the crash window' : ''}`, async () => {
      const script = servers().serversScript
      expect(script, 'restarts the local broker through deploy/local/servers.sh').not.toBe('')
      ingest = await startTestIngest({ LOG_LEVEL: 'error' })
      const startedAt = Date.now()
      const port = ingest.opsPort
      const from = await endOffsets(KAFKA_TOPICS.telemetry)
      const base = Date.now() - (signal === 'SIGTERM' ? 6 : 7) * DAY_MS - Math.floor(Math.random() * DAY_MS)
      const perMachine = 1500
      // A SIGTERM saves ingest's session; before a SIGKILL the broker must have autosaved it once,
      // or the restarted broker has no session (sessionPresent false) and even mqtt.js resubscribes.
      if (signal === 'SIGKILL') await sleep(startedAt + CRASH_WINDOW_MS - 1500 - Date.now())
      const stream = pahoStream({ username: TEST_PLANT_USER, prefix: TEST_PREFIX, machines: TEST_COUNTERS, perMachine, baseTs: base, rate: 2000, deadlineS: 60 })
      await sleep(1500)
      const stoppedAt = Date.now()
      await serversCommand(script, signal === 'SIGTERM' ? 'down' : 'kill', 'mosquitto')
      await until(async () => !(await readyz(port)), 5_000)
      const up = serversCommand(script, 'up', 'mosquitto')
      const openedAt = await portOpenedAt(Number(new URL(servers().mqttUrl).port), up)
      await until(() => readyz(port), 20_000)
      const windowMs = Date.now() - openedAt
      await up
      const result = await stream
      const missing = await missingInKafka(result, from, base, TEST_COUNTERS)
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
      console.log(
        `broker ${signal} during ${result.total} messages: subscribed again (ready) ${windowMs} ms after the broker's port opened; ${result.acked.length} acked with reason 0, ` +
          `${result.resent16} resent after PUBACK 16, ${missing.length} missing in Kafka; ${metrics.match(/^millstream_ingest_subscription_lost_total .*$/m)?.[0]}`,
      )
      expect(result.acked).toHaveLength(result.total)
      expect(metrics).toMatch(/^millstream_ingest_subscription_lost_total [1-9]/m)
      if (signal === 'SIGTERM') expect(missing).toEqual([])
      else expect(missing.filter((m) => m.ackMs < stoppedAt - CRASH_WINDOW_MS)).toEqual([])
    })
  }

  it('the simulator sends again what got PUBACK 16 during a broker restart: every message it counted as delivered is in Kafka', async () => {
    ingest = await startTestIngest({ LOG_LEVEL: 'error' })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const fromMs = Math.floor((Date.now() - 20 * DAY_MS) / 3600_000) * 3600_000 - Math.floor(Math.random() * 200) * 3600_000
    let restarted = false
    const running = simulateTestPlant({
      seed: 5,
      fromMs,
      hours: 3,
      chaos: NO_CHAOS,
      onStart: (run) => {
        void (async () => {
          while (run.status().counts.acked < 1500) await sleep(20)
          await serversCommand(servers().serversScript, 'restart', 'mosquitto')
          restarted = run.status().running
        })()
      },
    })
    const report: SimulationReport = await running
    expect(restarted, 'the broker restarted while the simulator was still publishing').toBe(true)
    expect(report.totals.failed + report.totals.refused).toBe(0)
    const expected = new Set<string>()
    for (const [device, d] of Object.entries(report.devices)) for (const [a, b] of d.ackedSeqs) for (let s = a; s <= b; s++) expected.add(`${device}#${s}`)
    const inRange = (r: { value: TelemetryRecord }) => r.value.firm === 'test-firm' && r.value.ts >= fromMs && r.value.ts < fromMs + 11 * 3600_000
    const seen = new Set<string>()
    await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, {
      until: (rs) => {
        for (const r of rs.splice(0)) if (inRange(r)) seen.add(`${r.key}#${r.value.seq}`)
        return [...expected].every((id) => seen.has(id))
      },
      timeoutMs: 60_000,
      settleMs: 200,
    })
    const missing = [...expected].filter((id) => !seen.has(id))
    console.log(`simulator across a broker restart: ${expected.size} acknowledged, ${missing.length} missing in Kafka`)
    expect(missing).toEqual([])
  })
})
