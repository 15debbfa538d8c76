import { KAFKA_TOPICS, type TelemetryRecord } from '@millstream/contract'
import type { Ingest } from '@millstream/ingest'
import { createLogger } from '@millstream/runtime'
import { afterEach, describe, expect, it } from 'vitest'
import { countJobs, startTestIngest, TEST_PLANT_USER } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { pahoSubscribe } from '../support/paho.ts'
import { publishAll } from '../support/publisher.ts'
import { mqttPassword, uniqueName } from '../support/servers.ts'

let ingest: Ingest | undefined
afterEach(async () => {
  await ingest?.stop()
  ingest = undefined
})

const OTHER_PLANT_USER = 'gw-lakeside-down-gongqingcheng'
const granted = (code: number | undefined) => code !== undefined && code < 0x80

describe('subscribe rights at the broker (issue 10, with paho-mqtt)', () => {
  it('lets a gateway subscribe to nothing, ingest only through a shared group under mill/, the test account only test/', async () => {
    const group = uniqueName('grp')
    const cases: [string, string, boolean][] = [
      // [account, filter, granted?]
      [TEST_PLANT_USER, '$share/millstream-ingest/mill/v1/#', false],
      [TEST_PLANT_USER, `$share/millstream-ingest/mill/#`, false],
      [TEST_PLANT_USER, `$share/${group}/mill/#`, false],
      [TEST_PLANT_USER, 'mill/#', false],
      [TEST_PLANT_USER, 'mill/v1/test-firm/test-plant/#', false],
      [TEST_PLANT_USER, 'mill/v1/lakeside-down/gongqingcheng/#', false],
      [TEST_PLANT_USER, '#', false],
      [TEST_PLANT_USER, '$share/x/#', false],
      [TEST_PLANT_USER, '$SYS/#', false],
      [OTHER_PLANT_USER, 'mill/v1/test-firm/test-plant/#', false],
      [OTHER_PLANT_USER, `$share/millstream-ingest/mill/v1/+/+/+/+/+`, false],
      ['ingest', `$share/${group}/mill/#`, true],
      ['ingest', `$share/${group}/mill/v1/+/+/+/+/+`, true],
      ['ingest', 'mill/#', false],
      ['ingest', '#', false],
      ['ingest', `$share/${group}/#`, false],
      ['ingest', `$share/${group}/test/#`, false],
      ['millstream-test', 'test/#', true],
      ['millstream-test', 'mill/#', false],
      ['millstream-test', `$share/${group}/mill/#`, false],
    ]
    const accounts = [...new Set(cases.map(([account]) => account))]
    const results = await Promise.all(accounts.map((username) => pahoSubscribe({ username, filters: cases.filter(([a]) => a === username).map(([, f]) => f) })))
    const seen = cases.map(([account, filter]) => [account, filter, granted(results[accounts.indexOf(account)]?.granted[filter])])
    expect(seen).toEqual(cases)
  })

  it('keeps a gateway out of ingest\'s shared group: it receives nothing and all 200 messages reach Kafka', async () => {
    const group = uniqueName('share')
    ingest = await startTestIngest({ INGEST_SHARE_GROUP: group })
    const from = await endOffsets(KAFKA_TOPICS.telemetry)
    const base = Date.now() - 10 * 24 * 3600_000 - Math.floor(Math.random() * 3600_000)
    const jobs = countJobs(base, 29).slice(0, 200)
    let subscribed!: () => void
    const ready = new Promise<void>((resolve) => (subscribed = resolve))
    const hostile = pahoSubscribe({ username: TEST_PLANT_USER, filters: [`$share/${group}/mill/#`, `$share/${group}/mill/v1/+/+/+/+/+`], listenS: 4, onSubscribed: () => subscribed() })
    await ready
    expect(await publishAll(jobs, { username: TEST_PLANT_USER, connections: 1, window: 50 })).toEqual({ acked: 200, refused: 0 })
    const { granted: codes, received } = await hostile
    expect(Object.values(codes).every((c) => c === 0x87)).toBe(true)
    expect(received).toBe(0)
    const mine = (r: { value: TelemetryRecord }) => r.value.ts > base && r.value.ts <= base + 29_000 && r.value.firm === 'test-firm'
    const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, from, { until: (rs) => rs.filter(mine).length >= 200, timeoutMs: 30_000, settleMs: 500 })
    expect(new Set(records.filter(mine).map((r) => `${r.key}#${r.value.seq}`)).size).toBe(200)
  })

  it('keeps /readyz red, counts and logs when the broker refuses ingest\'s subscription', async () => {
    // A gateway's credentials may connect but not subscribe: ingest is connected, not subscribed.
    const lines: string[] = []
    const logger = createLogger({ name: 'ingest-test', level: 'info', destination: { write: (line: string) => void lines.push(line) } })
    ingest = await startTestIngest({ MQTT_USERNAME: TEST_PLANT_USER, MQTT_PASSWORD: mqttPassword(TEST_PLANT_USER) }, logger)
    const base = `http://127.0.0.1:${ingest.opsPort}`
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(503)
    const metrics = await (await fetch(`${base}/metrics`)).text()
    expect(metrics).toMatch(/^millstream_ingest_subscription_refused_total 1$/m)
    expect(metrics).toMatch(/^millstream_ingest_mqtt_subscribed_connections 0$/m)
    const refusal = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).startsWith('mqtt subscription refused'))
    expect(refusal).toMatchObject({ level: 'error', component: 'mqtt', reasonCodes: [0x87] })
    // Each line names its component once (a child of a child used to repeat the key).
    expect(lines.filter((l) => (l.match(/"component":/g) ?? []).length > 1)).toEqual([])
  })
})
