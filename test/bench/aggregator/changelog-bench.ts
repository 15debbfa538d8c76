import { gzipSync } from 'node:zlib'
import { aggregatorConfigSchema, createPartitionEngine, engineOptions, type PartitionEngine } from '@millstream/aggregator'
import { indexRegistry } from '@millstream/contract'
import { loadConfig } from '@millstream/runtime'
import { benchRegistry } from './bench-registry.ts'
import { partitionOf, PARTITIONS } from './engine-bench.ts'
import { benchInput } from './bench-stream.ts'

type Mode = 'deltas' | 'snapshots'

export interface ChangelogModeResult {
  steps: number
  /** Device records per step (mean). */
  recordsPerStep: number
  /** Changelog bytes per step, as JSON and gzip-compressed as the step sends them (means). */
  kbPerStep: number
  gzipKbPerStep: number
  /** CPU of building the records and compressing them, per step: mean and p99. */
  cpuMsPerStep: number
  cpuMsP99: number
  /** The same CPU per input sample of the measured steps. */
  cpuUsPerSample: number
}

export interface ChangelogBenchResult {
  machines: number
  minutes: number
  warmupMinutes: number
  stepS: number
  samplesPerS: number
  deltas: ChangelogModeResult
  snapshots: ChangelogModeResult
  /** snapshots / deltas. */
  ratios: { gzipBytes: number; cpu: number }
}

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * The changelog of a live aggregator (issue 16): a steady plant fed in event time and stepped every
 * `stepS` seconds of event time, as a consumer keeping up with a live plant steps once per commit
 * interval. Two sets of partition engines take the same records side by side, one writing deltas,
 * one a snapshot of every changed device (the format before deltas); after `warmupMinutes` (the
 * kept state grows for lateness + spread), each step's records are built and gzip-compressed as the
 * step sends them, and their bytes and CPU measured.
 */
export function changelogBench(o: { machines: number; minutes: number; warmupMinutes: number; stepS: number }): ChangelogBenchResult {
  const registry = benchRegistry(o.machines)
  const index = indexRegistry(registry)
  const config = loadConfig(aggregatorConfigSchema, { KAFKA_BROKERS: 'x:1', INFLUX_URL: 'http://x', INFLUX_TOKEN: 'x', INFLUX_ORG: 'x', INFLUX_BUCKET: 'x' })
  const startMs = Date.parse('2025-06-02T06:00:00+08:00')
  const modes: Mode[] = ['deltas', 'snapshots']
  const engines = new Map(modes.map((mode) => [mode, Array.from({ length: PARTITIONS }, (_, p) => createPartitionEngine({ topic: 'bench', partition: p, registry: index, options: engineOptions(config), changelogRecords: mode }))]))
  const tally = new Map(modes.map((mode) => [mode, { steps: 0, records: 0, bytes: 0, gzipBytes: 0, cpu: [] as number[] }]))
  const input = benchInput({ registry, startMs, minutes: o.warmupMinutes + o.minutes, encoding: 'batch', batchSamples: 1 })
  const offsets = new Array<number>(PARTITIONS).fill(0)
  const measureFromMs = startMs + o.warmupMinutes * 60_000
  let measuredSamples = 0
  let nextStepMs = startMs + o.stepS * 1000
  const step = (measured: boolean) => {
    for (const mode of modes) {
      const list = engines.get(mode) as PartitionEngine[]
      const t = tally.get(mode) as NonNullable<ReturnType<typeof tally.get>>
      let records = 0
      let bytes = 0
      let gzipBytes = 0
      for (const e of list) e.advance(e.streamTimeMs)
      const before = cpuMs()
      for (const e of list) {
        const out = e.changelog()
        const value = Buffer.from(out.map((r) => r.value).join('\n'))
        gzipBytes += gzipSync(value).length
        bytes += value.length
        records += out.length - 1
        e.commit()
      }
      if (measured) {
        t.steps += 1
        t.records += records
        t.bytes += bytes
        t.gzipBytes += gzipBytes
        t.cpu.push(cpuMs() - before)
      }
    }
  }
  for (const r of input.records) {
    while (r.tsMs >= nextStepMs) {
      step(nextStepMs > measureFromMs)
      nextStepMs += o.stepS * 1000
    }
    if (r.tsMs >= measureFromMs) measuredSamples += 1
    const p = partitionOf(r.key)
    for (const mode of modes) (engines.get(mode) as PartitionEngine[])[p]?.apply({ topic: 'bench', partition: p, offset: String(offsets[p]), key: Buffer.from(r.key), value: Buffer.from(r.value), timestamp: String(r.tsMs) })
    offsets[p] = (offsets[p] as number) + 1
  }
  const result = (mode: Mode): ChangelogModeResult => {
    const t = tally.get(mode) as NonNullable<ReturnType<typeof tally.get>>
    const sorted = [...t.cpu].sort((a, b) => a - b)
    const total = t.cpu.reduce((a, b) => a + b, 0)
    return {
      steps: t.steps,
      recordsPerStep: t.records / t.steps,
      kbPerStep: t.bytes / t.steps / 1024,
      gzipKbPerStep: t.gzipBytes / t.steps / 1024,
      cpuMsPerStep: total / t.steps,
      cpuMsP99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
      cpuUsPerSample: (total * 1000) / measuredSamples,
    }
  }
  const deltas = result('deltas')
  const snapshots = result('snapshots')
  return {
    machines: o.machines, minutes: o.minutes, warmupMinutes: o.warmupMinutes, stepS: o.stepS,
    samplesPerS: measuredSamples / (o.minutes * 60),
    deltas, snapshots,
    ratios: { gzipBytes: snapshots.gzipKbPerStep / deltas.gzipKbPerStep, cpu: snapshots.cpuMsPerStep / deltas.cpuMsPerStep },
  }
}
