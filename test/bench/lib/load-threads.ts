import { Worker } from 'node:worker_threads'
import type { LoadOptions, LoadResult } from './load.ts'

/**
 * Splits the gateways and the rate over `threads` worker threads so that one JavaScript event
 * loop does not cap the offered load. Each thread publishes for its own devices, so per-device
 * sequence numbers stay unique.
 */
export async function runLoadThreads(o: Omit<LoadOptions, 'onProgress'>, threads: number): Promise<LoadResult> {
  const n = Math.max(1, Math.min(threads, o.gateways, o.devices.length))
  const shares = Array.from({ length: n }, (_, i) => ({
    ...o,
    gateways: Math.floor(o.gateways / n) + (i < o.gateways % n ? 1 : 0),
    ratePerS: o.ratePerS / n,
    devices: o.devices.filter((_, d) => d % n === i),
    clientTag: `t${i}`,
  }))
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<LoadResult>((resolve, reject) => {
          const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData: share })
          worker.once('message', (r: LoadResult) => {
            resolve(r)
            void worker.terminate()
          })
          worker.once('error', reject)
        }),
    ),
  )
  return results.reduce((a, b) => ({ offered: a.offered + b.offered, acked: a.acked + b.acked, bad: a.bad + b.bad, elapsedS: Math.max(a.elapsedS, b.elapsedS) }))
}
