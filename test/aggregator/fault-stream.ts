import type { DeadLetterRecord } from '@millstream/contract'
import { expect } from 'vitest'
import { aggregatorEnv, createTopic, type AggregatorRun, type KeyedRecord } from '../support/aggregator.ts'
import { fluxDump } from '../support/influx.ts'
import { consumeFrom } from '../support/kafka.ts'
import { freePort, spawnService, waitForHttp, type ServiceProcess } from '../support/process.ts'
import { uniqueName } from '../support/servers.ts'
import { plantDay } from './plant-day.ts'

export const DAY_MS = 24 * 3600 * 1000
export const AGGREGATOR_MAIN = 'services/aggregator/src/main.ts'

/**
 * The scripted plant day with `tooLate` records mixed in (each 10 minutes older than its device's
 * newest event): the stream the fault tests run, with what it must give.
 */
export function faultStream(dayStartMs: number, tooLate = 12) {
  const { records, expected } = plantDay(dayStartMs)
  const out: KeyedRecord[] = []
  const step = Math.floor(records.length / (tooLate + 1))
  records.forEach((r, i) => {
    out.push(r)
    if (i > 0 && i % step === 0 && out.length < records.length + tooLate) {
      const v = JSON.parse(r.value) as { key?: string; ts: number; line: string; device: string }
      out.push({ key: r.key, value: JSON.stringify({ v: 1, firm: 'test-firm', plant: 'test-plant', line: v.line, device: v.device, channel: 'state', state: 'idle', ts: v.ts - 10 * 60_000, receivedAt: 0, seq: 10_000_000 + i }) })
    }
  })
  return { records: out, expected, tooLate: out.length - records.length }
}

export async function freshInput(partitions: number): Promise<string> {
  const input = uniqueName('agg-fault')
  await createTopic(input, partitions)
  return input
}

/** Runs the aggregator's main.ts as a child process and waits until it is ready. */
export async function spawnAggregator(run: AggregatorRun, overrides: Record<string, string> = {}): Promise<ServiceProcess & { port: number }> {
  const port = await freePort()
  const child = spawnService(AGGREGATOR_MAIN, aggregatorEnv(run, { HTTP_PORT: String(port), LOG_LEVEL: 'error', ...overrides }))
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000).catch((err: unknown) => {
    throw new Error(`aggregator did not start: ${String(err)}\n${child.output.join('')}`)
  })
  return Object.assign(child, { port })
}

/** The full Flux dump of the day in two buckets must be identical, line for line. */
export async function expectSameDay(reference: string, other: string, dayStartMs: number): Promise<void> {
  const [a, b] = await Promise.all([fluxDump(reference, dayStartMs, dayStartMs + DAY_MS), fluxDump(other, dayStartMs, dayStartMs + DAY_MS)])
  expect(a.length).toBeGreaterThan(70_000)
  const onlyA = a.filter((l, i) => l !== b[i]).slice(0, 5)
  expect(onlyA, 'first lines that differ').toEqual([])
  expect(b).toEqual(a)
}

/** Dead letters committed to a run's DLQ topic, as `offset reason`: exactly once each. */
export async function committedDeadLetters(run: AggregatorRun, expectedCount: number): Promise<string[]> {
  const dead = await consumeFrom<DeadLetterRecord>(run.dlq, [], { until: (rs) => rs.length >= expectedCount, timeoutMs: 60_000, settleMs: 2_000 })
  return dead.map((d) => `${d.value.source.partition}/${d.value.source.offset} ${d.value.reason}`).sort()
}
