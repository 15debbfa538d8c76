// The Kafka broker is SIGKILLed inside a simulated 12 h Sparkplug B run. Until 2026-12-02 this test
// was kept out of the suite as an open defect ("a third of the totals missing"): the cause was the
// test support, whose totals summed only the first 4 h of any run (test/support/influx-totals.ts).
import { DEFAULT_CHAOS } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { aggregatorRun, startTestAggregator } from '../support/aggregator.ts'
import { startTestIngest } from '../support/ingest.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { totalsMismatches } from '../support/influx-totals.ts'
import { serversCommand } from '../support/process.ts'
import { servers, uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000
const OUTAGE_MS = 10_000

describe('Sparkplug B through ingest when the Kafka broker is SIGKILLed', () => {
  // The host withholds the PUBACK of QoS 1 DATA until Kafka has its records; a failed write drops
  // the connection and the broker redelivers. The host's sessions outlive the connection, so the
  // redelivered DATA (old seqs: a rebirth is asked for, the data kept) is counted once by event time.
  it('adds up in InfluxDB to exactly the simulator totals after Kafka was killed mid-run', async () => {
    const script = servers().serversScript
    expect(script, 'fault tests kill the local Kafka through deploy/local/servers.sh').not.toBe('')
    const bucket = await createTestBucket('e2e')
    const topic = uniqueName('e2e.telemetry')
    const ingest = await startTestIngest({ LOG_LEVEL: 'fatal', INGEST_SPARKPLUG: 'true', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
    const aggregator = await startTestAggregator(aggregatorRun(topic, bucket), { LOG_LEVEL: 'fatal' })
    try {
      const fromMs = Math.floor((Date.now() - 50 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS
      let killed: Promise<void> | undefined
      let killedAtMs = Infinity
      const report = await simulateTestPlant({
        seed: 31, fromMs, hours: 6, encoding: 'sparkplug', chaos: { ...DEFAULT_CHAOS, duplicate: 0.01, outOfOrder: 0, late: 0, bad: 0, gapPerDeviceH: 0, resetPerDeviceH: 0, discontinuityPerDeviceH: 0 },
        onStart: () => {
          killed = (async () => {
            await new Promise((r) => setTimeout(r, 1500))
            // Taken before the command: the SIGKILL is sent at its start, the command then waits for the exit.
            killedAtMs = Date.now()
            await serversCommand(script, 'kill', 'kafka')
            await new Promise((r) => setTimeout(r, OUTAGE_MS))
            await serversCommand(script, 'up', 'kafka')
          })()
        },
      })
      const simDoneAtMs = Date.now()
      await killed
      // The outage fell inside the run: acknowledgements were withheld while Kafka was away.
      expect(killedAtMs).toBeLessThan(simDoneAtMs)
      expect(report.totals.failed).toBe(0)
      expect(await totalsMismatches(bucket, report)).toEqual([])
    } finally {
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
    }
  }, 400_000)
})
