import { createPartitionEngine, engineOptions, aggregatorConfigSchema, type PartitionEngine } from '@millstream/aggregator'
import { indexRegistry, type RegistryIndex } from '@millstream/contract'
import { loadConfig } from '@millstream/runtime'
import { benchRegistry } from './bench-registry.ts'
import { benchInput, type BenchEncoding } from './bench-stream.ts'

export interface EngineBenchResult {
  machines: number
  encoding: BenchEncoding
  batchSamples: number
  /** Records (all partitions together) between advances of the engines. */
  advanceEvery: number
  /** Kafka records (a device batch record counts once). */
  records: number
  /** Telemetry samples in them: the same for every encoding. */
  samples: number
  seconds: number
  recordsPerS: number
  samplesPerS: number
  points: number
  pointsPerS: number
  heapMbPer1000Machines: number
  changelogMbPer1000Machines: number
}

export const PARTITIONS = 12
/** Like the consumer: a step per commit interval (1 s), advancing after every batch (500 records unless told). */
const STEP_EVERY_MS = 1_000
export const DEFAULT_ADVANCE_EVERY = 500

/** The bench's partition of a device key (FNV-1a), the same in every part that runs 12 engines. */
export function partitionOf(key: string): number {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619)
  return (h >>> 0) % PARTITIONS
}

/** A bench record with its key and value as the Buffers Kafka hands the consumer. */
export interface FedRecord {
  key: string
  tsMs: number
  keyBuffer: Buffer
  valueBuffer: Buffer
}

/**
 * The bench's 12 partition engines with the default options, and `feed`, which applies a record to
 * the engine of its key's partition at that partition's next offset, and after every `advanceEvery`
 * records (all partitions together) advances them all and calls `afterBatch`, as the consumer does
 * after each fetched batch.
 */
export function benchEngines(index: RegistryIndex, afterBatch: (engines: readonly PartitionEngine[]) => void, advanceEvery = DEFAULT_ADVANCE_EVERY) {
  const config = loadConfig(aggregatorConfigSchema, { KAFKA_BROKERS: 'x:1', INFLUX_URL: 'http://x', INFLUX_TOKEN: 'x', INFLUX_ORG: 'x', INFLUX_BUCKET: 'x' })
  const engines: PartitionEngine[] = Array.from({ length: PARTITIONS }, (_, p) => createPartitionEngine({ topic: 'bench', partition: p, registry: index, options: engineOptions(config) }))
  const offsets = new Array<number>(PARTITIONS).fill(0)
  let fed = 0
  const advanceAll = () => {
    for (const e of engines) e.advance(e.streamTimeMs)
  }
  return {
    engines,
    config,
    feed(r: FedRecord) {
      const p = partitionOf(r.key)
      ;(engines[p] as PartitionEngine).apply({ topic: 'bench', partition: p, offset: String(offsets[p]), key: r.keyBuffer, value: r.valueBuffer, timestamp: String(r.tsMs) })
      offsets[p] = (offsets[p] as number) + 1
      if (++fed % advanceEvery === 0) {
        advanceAll()
        afterBatch(engines)
      }
    },
    /** The end of the input: advance once more. */
    finish: advanceAll,
  }
}

/**
 * The pure engine alone (no Kafka, no InfluxDB): `minutes` of a steady plant, in the given
 * encoding (the same samples either way), through 12 partition
 * engines with the default options, advancing every `advanceEvery` records and stepping every second
 * as the consumer does, then the heap the state holds and the size of a full changelog.
 */
export function engineBench({ machines, minutes, encoding, batchSamples, advanceEvery = DEFAULT_ADVANCE_EVERY }: { machines: number; minutes: number; encoding: BenchEncoding; batchSamples: number; advanceEvery?: number }): EngineBenchResult {
  const registry = benchRegistry(machines)
  const index = indexRegistry(registry)
  const startMs = Date.parse('2025-06-02T06:00:00+08:00')
  const gc = (globalThis as { gc?: () => void }).gc
  let points = 0
  let lastStep = performance.now()
  const step = (engines: readonly PartitionEngine[]) => {
    for (const e of engines) {
      points += e.pending().points.size
      e.changelog()
      e.commit()
    }
    lastStep = performance.now()
  }
  let bench: ReturnType<typeof benchEngines> | undefined = benchEngines(index, (engines) => {
    if (performance.now() - lastStep >= STEP_EVERY_MS) step(engines)
  }, advanceEvery)
  const input = benchInput({ registry, startMs, minutes, encoding, batchSamples })
  const stream = input.records.map((r) => ({ ...r, keyBuffer: Buffer.from(r.key), valueBuffer: Buffer.from(r.value) }))
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  for (const r of stream) bench.feed(r)
  bench.finish()
  step(bench.engines)
  const seconds = (performance.now() - started) / 1000
  let changelogBytes = 0
  // A full snapshot: every device written once (what a restore reads after compaction).
  for (const e of bench.engines) for (const r of e.changelog({ all: true })) changelogBytes += r.key.length + r.value.length
  gc?.()
  const heapWith = process.memoryUsage().heapUsed
  // eslint-disable-next-line no-useless-assignment -- the last reference to the engines: gc() below takes their state, and the heap without it is measured
  bench = undefined
  gc?.()
  const heapAfter = process.memoryUsage().heapUsed
  const per1000 = 1000 / machines
  return {
    machines,
    encoding,
    batchSamples: input.batchSamples,
    advanceEvery,
    records: stream.length,
    samples: input.samples,
    seconds,
    recordsPerS: stream.length / seconds,
    samplesPerS: input.samples / seconds,
    points,
    pointsPerS: points / seconds,
    heapMbPer1000Machines: (Math.max(heapWith - heapAfter, heapWith - heapBefore) / 2 ** 20) * per1000,
    changelogMbPer1000Machines: (changelogBytes / 2 ** 20) * per1000,
  }
}
