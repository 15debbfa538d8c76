import { batchTopic, decodeTelemetryValue, type TelemetryRecord } from '@millstream/contract'
import { TEST_COUNTERS } from './ingest.ts'
import { publishAll, type PublishJob, type PublishResult } from './publisher.ts'

/** The encodings a gateway may publish in (contract v1 and v1.1); suites run for each. */
export const ENCODINGS = ['v1', 'batch'] as const
export type Encoding = (typeof ENCODINGS)[number]
/** What the simulator speaks: the batch encodings and Sparkplug B (its e2e suites run all three). */
export type SimulatorEncoding = Encoding | 'sparkplug'

export const TEST_BATCH_TOPIC = batchTopic('test-firm', 'test-plant')

/** A count sample of a test machine (`line/machine`) as it sits in a batch. */
export function countSample(machine: string, seq: number, tsMs: number): Record<string, unknown> {
  const [line, id] = machine.split('/') as [string, string]
  return { line, machine: id, channel: 'count', ts: tsMs, total: seq * 10, seq }
}

/**
 * The samples of countJobs (support/ingest.ts), seq 1..count for each machine, event times from
 * `baseMs` a second apart, in batches of `batchSize` samples on the test plant's batch topic.
 */
export function batchCountJobs(baseMs: number, count: number, batchSize = 100, machines = TEST_COUNTERS): PublishJob[] {
  const samples: Record<string, unknown>[] = []
  for (let seq = 1; seq <= count; seq++) for (const m of machines) samples.push(countSample(m, seq, baseMs + seq * 1000))
  const jobs: PublishJob[] = []
  for (let i = 0; i < samples.length; i += batchSize) jobs.push({ topic: TEST_BATCH_TOPIC, payload: JSON.stringify({ samples: samples.slice(i, i + batchSize) }) })
  return jobs
}

/**
 * The telemetry records in a Kafka value of either form (v1 record or device batch record). A
 * value that is neither (another test's deliberate junk) holds none: the tests count what they expect.
 */
export function telemetryRecords(value: Buffer): TelemetryRecord[] {
  const decoded = decodeTelemetryValue(value)
  return decoded.ok ? decoded.records : []
}

/**
 * Publishes `jobs` in 20 waves spread over `spreadMs`: a few hundred batches would otherwise be
 * through ingest in a second, before the fault a test injects mid-stream.
 */
export async function publishSpread(jobs: PublishJob[], options: Parameters<typeof publishAll>[1], spreadMs: number): Promise<PublishResult> {
  const waves = 20
  const size = Math.ceil(jobs.length / waves)
  const total: PublishResult = { acked: 0, refused: 0 }
  for (let i = 0; i < jobs.length; i += size) {
    const started = Date.now()
    const r = await publishAll(jobs.slice(i, i + size), options)
    total.acked += r.acked
    total.refused += r.refused
    if (r.unrouted) total.unrouted = (total.unrouted ?? 0) + r.unrouted
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, spreadMs / waves - (Date.now() - started))))
  }
  return total
}
