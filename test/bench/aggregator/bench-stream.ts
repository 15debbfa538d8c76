import type { Registry } from '@millstream/contract'
import { deviceBatchValue, deviceRuns } from '../../support/device-batches.ts'

export interface BenchRecord {
  key: string
  value: string
  tsMs: number
}

/** How the samples reach Kafka: one v1 record each, or grouped by device into device batch records (issue 16). */
export const BENCH_ENCODINGS = ['v1', 'batch'] as const
export type BenchEncoding = (typeof BENCH_ENCODINGS)[number]

export interface BenchInput {
  encoding: BenchEncoding
  /** Samples per device batch record at most (encoding batch). */
  batchSamples: number
  records: BenchRecord[]
  samples: number
}

/**
 * The same samples of benchStream, in the same order, in either encoding. They are first grouped as
 * a gateway that buffers would send them: runs of up to `batchSamples` consecutive samples of a
 * device, sent when full, at the event time of their last sample. Encoding batch makes each run a
 * device batch record; v1 sends the run's samples one record each, so that both encodings feed the
 * engine the very same sample order and differ only in the form of the records. `batchSamples` 1
 * is the plain stream.
 */
export function benchInput(o: { registry: Registry; startMs: number; minutes: number; encoding: BenchEncoding; batchSamples: number }): BenchInput {
  const runs = deviceRuns([...benchStream(o.registry, o.startMs, o.minutes)], o.batchSamples)
  const samples = runs.reduce((n, run) => n + run.length, 0)
  if (o.encoding === 'v1') return { encoding: o.encoding, batchSamples: o.batchSamples, records: runs.flatMap((run) => run.map((r) => ({ ...r, tsMs: (run.at(-1) as BenchRecord).tsMs }))), samples }
  const records = runs.map((run) => {
    const last = run.at(-1) as BenchRecord
    return { key: last.key, tsMs: last.tsMs, value: deviceBatchValue(run.map((r) => r.value)) }
  })
  return { encoding: o.encoding, batchSamples: o.batchSamples, records, samples }
}

/**
 * A steady plant, in event-time order: per machine a state message each minute (a stop now and
 * then), a count every 10 s and an electricity reading every 30 s (9 records a machine-minute),
 * and the incomer every 15 s. Deterministic: the same arguments give the same records.
 */
export function* benchStream(registry: Registry, startMs: number, minutes: number): Generator<BenchRecord> {
  const plant = registry.firms[0]?.plants[0]
  if (!plant) throw new Error('empty registry')
  const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ line: l.id, id: m.id })))
  const state = machines.map((_, i) => ({ count: i * 1000, kwh: i * 10, seq: 0, down: false }))
  const base = { v: 1, firm: registry.firms[0]?.id, plant: plant.id }
  for (let t = startMs; t < startMs + minutes * 60_000; t += 5_000) {
    for (const [i, m] of machines.entries()) {
      const s = state[i] as (typeof state)[number]
      const key = `${base.firm}/${base.plant}/${m.line}/${m.id}`
      const record = (body: Record<string, unknown>) => ({ key, tsMs: t, value: JSON.stringify({ ...base, line: m.line, device: m.id, ts: t, receivedAt: t, seq: s.seq++, ...body }) })
      if (t % 60_000 === (i % 12) * 5_000) {
        s.down = (i * 7919 + t / 60_000) % 23 === 0
        yield record({ channel: 'state', state: s.down ? 'down' : 'running', ...(s.down ? { reason: 'warp_break' } : {}) })
      }
      if (!s.down) s.count += 60
      s.kwh += s.down ? 0.0015 : 0.00625
      if (t % 10_000 === 0) yield record({ channel: 'count', total: s.count, good: s.count - Math.floor(s.count / 200) })
      if (t % 30_000 === 0) yield record({ channel: 'energy', total: Math.round(s.kwh * 1e4) / 1e4, medium: 'electricity', power: s.down ? 1.1 : 4.5 })
    }
    if (t % 15_000 === 0) {
      yield { key: `${base.firm}/${base.plant}/utilities/incomer`, tsMs: t, value: JSON.stringify({ ...base, line: 'utilities', device: 'incomer', channel: 'energy', ts: t, receivedAt: t, total: (t - startMs) / 1000, medium: 'electricity', power: 3600 }) }
    }
  }
}
