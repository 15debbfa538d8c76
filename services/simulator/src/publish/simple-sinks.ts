import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { SimMessage } from '../sim/sim-message.ts'
import type { Sink } from './sink.ts'

/** Discards messages and reports each as acknowledged: benchmarks, and the stream without a broker. */
export function createNullSink(onMessage?: (m: SimMessage) => void): Sink {
  return {
    start: async () => undefined,
    publish: async (m, settled) => {
      onMessage?.(m)
      settled({ kind: 'acked' })
    },
    stop: async () => undefined,
  }
}

/**
 * One JSON line per message: `{"atMs":…,"topic":"…","payload":"…"}`, honouring the stream's
 * backpressure. Once the reader goes away (EPIPE from `| head`), the rest count as failed.
 */
export function createNdjsonSink(out: Writable, onClosed?: () => void): Sink {
  let closed: string | undefined
  out.once('error', (err) => {
    closed = err.message
    onClosed?.()
  })
  return {
    start: async () => undefined,
    publish: async (m, settled) => {
      if (closed !== undefined) return settled({ kind: 'failed', error: closed })
      const ok = out.write(`${JSON.stringify({ atMs: m.atMs, topic: m.topic, payload: m.payload })}\n`)
      settled({ kind: 'acked' })
      if (!ok) await Promise.race([once(out, 'drain'), once(out, 'error')]).catch(() => undefined)
    },
    stop: async () => undefined,
  }
}
