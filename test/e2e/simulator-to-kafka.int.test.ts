import { KAFKA_TOPICS, type DeadLetterRecord, type TelemetryRecord } from '@millstream/contract'
import { DEFAULT_CHAOS, type SimulationReport } from '@millstream/simulator'
import { describe, expect, it } from 'vitest'
import { ENCODINGS, telemetryRecords } from '../support/batch.ts'
import { startTestIngest } from '../support/ingest.ts'
import { consumeFrom, endOffsets } from '../support/kafka.ts'
import { simulateTestPlant } from '../support/simulator.ts'

const HOUR_MS = 3_600_000

/** Every acknowledged (device, seq) of the simulator's report. */
function expectedIds(report: SimulationReport): Set<string> {
  const ids = new Set<string>()
  for (const [device, d] of Object.entries(report.devices)) for (const [a, b] of d.ackedSeqs) for (let s = a; s <= b; s++) ids.add(`${device}#${s}`)
  return ids
}

describe.each(ENCODINGS)('simulator through ingest into Kafka, encoding %s', (encoding) => {
  it('delivers every acknowledged message of a chaotic fast-mode run, and dead-letters each injected bad one with its reason', async () => {
    const ingest = await startTestIngest({ LOG_LEVEL: 'error' })
    try {
      const telemetryFrom = await endOffsets(KAFKA_TOPICS.telemetry)
      const dlqFrom = await endOffsets(KAFKA_TOPICS.telemetryDlq)
      const fromMs = Math.floor((Date.now() - 40 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS - Math.floor(Math.random() * 500) * HOUR_MS
      const report = await simulateTestPlant({ seed: 11, fromMs, hours: 2, chaos: { ...DEFAULT_CHAOS, duplicate: 0.02, outOfOrder: 0.01, bad: 0.01, late: 0.002 }, encoding })
      expect(report.totals.failed).toBe(0)
      expect(report.totals.refused).toBe(0)
      const expected = expectedIds(report)
      expect(expected.size).toBeGreaterThan(3000)
      expect(report.injected.duplicates + report.injected.outOfOrder + report.bad.length).toBeGreaterThan(10)

      const inRange = (r: { value: TelemetryRecord }) => r.value.firm === 'test-firm' && r.value.ts >= fromMs && r.value.ts < fromMs + 3 * HOUR_MS
      const records = await consumeFrom<TelemetryRecord>(KAFKA_TOPICS.telemetry, telemetryFrom, {
        decode: telemetryRecords,
        until: (rs) => new Set(rs.filter(inRange).map((r) => `${r.key}#${r.value.seq}`)).size >= expected.size,
        timeoutMs: 90_000,
      })
      const arrived = new Set(records.filter(inRange).map((r) => `${r.key}#${r.value.seq}`))
      const missing = [...expected].filter((id) => !arrived.has(id))
      expect(missing).toEqual([])
      expect([...arrived].filter((id) => !expected.has(id))).toEqual([])
      // Batches reach Kafka as device batch records: many samples share one record (offset).
      const recordsInKafka = new Set(records.filter(inRange).map((r) => `${r.partition}:${r.offset}`)).size
      if (encoding === 'batch') expect(recordsInKafka).toBeLessThan(records.filter(inRange).length / 2)
      else expect(recordsInKafka).toBe(records.filter(inRange).length)

      const badAcked = report.bad.filter((b) => b.outcome === 'acked')
      const dead = await consumeFrom<DeadLetterRecord>(KAFKA_TOPICS.telemetryDlq, dlqFrom, { until: (rs) => rs.length >= badAcked.length, timeoutMs: 30_000 })
      const reasons = (list: string[]) => list.sort().join(',')
      expect(reasons(dead.filter((d) => d.value.source.topic.startsWith('mill/v1/test-firm/')).map((d) => d.value.reason))).toBe(reasons(badAcked.map((b) => b.expectedReason)))
    } finally {
      await ingest.stop()
    }
  })
})
