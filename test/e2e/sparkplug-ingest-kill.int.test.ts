import { DEFAULT_CHAOS } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { ingestEnv } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { totalsMismatches } from '../support/influx-totals.ts'
import { consumeFrom } from '../support/kafka.ts'
import { freePort, spawnService, waitForHttp, type ServiceProcess } from '../support/process.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000

describe('Sparkplug B through ingest when ingest is SIGKILLed', () => {
  // The simulator's edge node publishes DATA at QoS 1 with aliases only. While ingest is down the
  // broker queues that DATA in the host's persistent session; the restarted host reads it with the
  // alias tables of the last births (its births topic), before any new birth has come.
  it('adds up in InfluxDB to exactly the simulator totals after three SIGKILLs of the host mid-run', async () => {
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.telemetry')
    const port = await freePort()
    const env = ingestEnv({
      HTTP_PORT: String(port), LOG_LEVEL: 'error', INGEST_SPARKPLUG: 'true',
      INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq`, INGEST_SPARKPLUG_BIRTHS_TOPIC: `${topic}.births`,
    })
    let ingest: ServiceProcess = spawnService('services/ingest/src/main.ts', env)
    await waitForHttp(`http://127.0.0.1:${port}/readyz`)
    const aggregator = await startTestAggregator(aggregatorRun(topic, bucket), { LOG_LEVEL: 'fatal' })
    try {
      const fromMs = Math.floor((Date.now() - 40 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      let killing: Promise<void> | undefined
      const kills: number[] = []
      const report = await simulateTestPlant({
        seed: 37, fromMs, hours: 12, encoding: 'sparkplug', chaos: { ...DEFAULT_CHAOS, duplicate: 0.01, outOfOrder: 0, late: 0, bad: 0, gapPerDeviceH: 0, resetPerDeviceH: 0, discontinuityPerDeviceH: 0 },
        onStart: () => {
          killing = (async () => {
            for (let i = 0; i < 3; i++) {
              await new Promise((r) => setTimeout(r, 1500 + i * 1000))
              kills.push(Date.now())
              await ingest.kill('SIGKILL')
              // Down a while: the broker queues DATA, and the node's births of that time are lost (QoS 0).
              await new Promise((r) => setTimeout(r, 1000))
              ingest = spawnService('services/ingest/src/main.ts', env)
              // Ready means subscribed: the SUBACK comes behind the queued DATA the broker sends first.
              await waitForHttp(`http://127.0.0.1:${port}/readyz`, 120_000)
            }
          })()
        },
      })
      const simDoneAtMs = Date.now()
      await killing
      expect(kills).toHaveLength(3)
      // The first kill fell inside the run (a fast machine may finish before the later ones).
      expect(kills[0]).toBeLessThan(simDoneAtMs)
      expect(report.totals.failed).toBe(0)
      expect(await totalsMismatches(bucket, report)).toEqual([])
      // Nothing was refused for want of a birth: the restarted host knew every device's aliases.
      const dead = await consumeFrom<{ reason: string }>(`${topic}.dlq`, [], { until: () => false, timeoutMs: 3_000, settleMs: 0 })
      expect(dead.filter((d) => d.value.reason.startsWith('sparkplug_')).map((d) => d.value.reason)).toEqual([])
    } finally {
      await aggregator.stop()
      await ingest.kill('SIGTERM')
      await deleteTestBucket(bucket)
    }
  }, 480_000)
})
