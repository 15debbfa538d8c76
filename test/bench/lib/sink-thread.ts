import { Worker } from 'node:worker_threads'
import type { SinkStats } from './kafka-sink.ts'

/** The Kafka sink in a worker thread; `count()` polls progress, `stop()` returns every latency. */
export async function startSinkThread(brokers: string[], topic: string) {
  const worker = new Worker(new URL('./sink-worker-entry.mjs', import.meta.url), { workerData: { brokers, topic } })
  let failure: unknown
  worker.on('error', (err) => (failure = err))
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      if (failure) reject(failure)
      else worker.once('message', resolve)
    })
  await next<{ ready: true }>()
  return {
    async count(): Promise<number> {
      worker.postMessage({ cmd: 'stats' })
      return (await next<{ count: number }>()).count
    },
    async stop(): Promise<SinkStats> {
      worker.postMessage({ cmd: 'stop' })
      const stats = await next<SinkStats>()
      await worker.terminate()
      return stats
    },
  }
}
