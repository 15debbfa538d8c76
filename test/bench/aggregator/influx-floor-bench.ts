import { createInfluxWriter, type PartitionEngine } from '@millstream/aggregator'
import { indexRegistry } from '@millstream/contract'
import { cpuSeconds, serverPid } from '../lib/proc-stats.ts'
import { benchServers, createBucket, deleteBucket } from './bench-env.ts'
import { benchRegistry } from './bench-registry.ts'
import { benchInput, type BenchEncoding } from './bench-stream.ts'
import { benchEngines, PARTITIONS } from './engine-bench.ts'

export interface InfluxFloorResult {
  machines: number
  minutes: number
  encoding: BenchEncoding
  /** The samples whose points were written: the input of the pipeline part. */
  samples: number
  points: number
  writes: number
  concurrency: number
  seconds: number
  pointsPerS: number
  /** The samples/s a pipeline could reach if writing were all it did: samples / seconds. */
  samplesPerS: number
  influxdbCores: number
  influxdbCpuUsPerPoint: number
  /** This process (the writer's encoding, HTTP and gzip) over the write window. */
  writerCores: number
}

/** Points a partition's step writes at most (the pipeline wrote 1,500-2,500 per step in the runs of docs/performance.md). */
const POINTS_PER_WRITE = 2_000

/**
 * The ceiling InfluxDB puts on the pipeline on this machine: the points the engine makes of the
 * pipeline part's input, computed first, then written with the aggregator's own writer (precision
 * s, gzip, 5,000 lines a request, each write awaited) by `concurrency` partitions at once, as
 * `AGG_CONCURRENT_PARTITIONS` steps do. No Kafka and no computation in the timed window: what is
 * left is what InfluxDB and the client cost.
 */
export async function influxFloorBench(o: { machines: number; minutes: number; encoding: BenchEncoding; batchSamples: number; concurrency?: number }): Promise<InfluxFloorResult> {
  const s = benchServers()
  const registry = benchRegistry(o.machines)
  const index = indexRegistry(registry)
  const input = benchInput({ registry, startMs: Date.parse('2025-06-02T06:00:00+08:00'), minutes: o.minutes, encoding: o.encoding, batchSamples: o.batchSamples })
  // Each partition's writes in its order, as its steps would make them.
  const writes: string[][][] = Array.from({ length: PARTITIONS }, () => [])
  const step = (e: PartitionEngine) => {
    const lines = [...e.pending().points.values()]
    if (lines.length > 0) (writes[e.partition] as string[][]).push(lines)
    e.changelog()
    e.commit()
  }
  const { engines, config, feed, finish } = benchEngines(index, (engines) => {
    for (const e of engines) if (e.pending().points.size >= POINTS_PER_WRITE) step(e)
  })
  for (const r of input.records) feed({ ...r, keyBuffer: Buffer.from(r.key), valueBuffer: Buffer.from(r.value) })
  finish()
  for (const e of engines) step(e)
  const points = writes.flat().reduce((n, w) => n + w.length, 0)
  // As many partitions at once as the aggregator applies, unless told.
  const concurrency = o.concurrency ?? config.AGG_CONCURRENT_PARTITIONS
  const bucket = `bench-floor-${Date.now().toString(36)}`
  await createBucket(s, bucket)
  const writer = createInfluxWriter({ url: s.influxUrl, token: s.influxToken, org: s.influxOrg, buckets: { minutes: bucket, rollups: bucket }, timeoutMs: 60_000, batchLines: config.AGG_INFLUX_BATCH_LINES })
  try {
    const influxPid = serverPid('influxdb')
    const influxAtStart = cpuSeconds(influxPid)
    const ownAtStart = process.cpuUsage()
    const started = performance.now()
    // `concurrency` workers take partitions' writes in turn, one write of a partition at a time.
    const queue = writes.flatMap((ws, p) => ws.map((lines, i) => ({ p, i, lines }))).sort((a, b) => a.i - b.i || a.p - b.p)
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await writer.write(next.lines)
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    const seconds = (performance.now() - started) / 1000
    const influxCpuS = cpuSeconds(influxPid) - influxAtStart
    const own = process.cpuUsage(ownAtStart)
    return {
      machines: o.machines, minutes: o.minutes, encoding: o.encoding, samples: input.samples, points, writes: writes.flat().length, concurrency, seconds,
      pointsPerS: points / seconds, samplesPerS: input.samples / seconds, influxdbCores: influxCpuS / seconds, influxdbCpuUsPerPoint: (influxCpuS * 1e6) / points,
      writerCores: (own.user + own.system) / 1e6 / seconds,
    }
  } finally {
    await deleteBucket(s, bucket)
  }
}
