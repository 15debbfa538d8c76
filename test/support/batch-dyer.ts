/**
 * A scripted jet dyer of the test plant (seeds/test-registry.json jd-01: 500 kg batches at an ideal
 * 1.39 kg/min) for the batch-performance tests (docs/metrics.md §4.3): it runs at 0.88 of its ideal
 * rate, so a batch takes 500 / (1.39 × 0.88) = 408.8 min of running, then 30 min to unload and
 * load. It is first seen `firstSeenMin` into a batch (that batch's start unknown to the pipeline).
 * Count readings every 30 s, a state heartbeat every minute.
 */
export const DYER = { line: 'dyeing', device: 'jd-01', idealRatePerMin: 1.39, batchQty: 500, speed: 0.88 } as const
const MIN = 60_000

export interface DyerRecord {
  ts: number
  key: string
  /** The v1 record's body without `v`, `firm`, `plant` and `receivedAt`. */
  body: Record<string, unknown>
}

export function batchDyer(startMs: number, hours: number, firstSeenMin = 100): { records: DyerRecord[]; ends: number[] } {
  const batchMs = (DYER.batchQty / (DYER.idealRatePerMin * DYER.speed)) * MIN
  const ends: number[] = []
  const changes: { ts: number; state: 'running' | 'setup' }[] = []
  const endMs = startMs + hours * 60 * MIN
  for (let t = startMs - firstSeenMin * MIN; t < endMs; t += 30 * MIN) {
    changes.push({ ts: Math.round(Math.max(t, startMs)), state: 'running' })
    t += batchMs
    ends.push(t)
    changes.push({ ts: Math.round(t), state: 'setup' })
  }
  const stateAt = (ts: number) => [...changes].reverse().find((c) => c.ts <= ts) ?? (changes[0] as (typeof changes)[number])
  const body = (ts: number, channel: string, rest: Record<string, unknown>) => ({ ts, key: `test-firm/test-plant/${DYER.line}/${DYER.device}`, body: { line: DYER.line, device: DYER.device, channel, ts, ...rest } })
  const state = (ts: number, s: 'running' | 'setup') => body(ts, 'state', { state: s, ...(s === 'setup' ? { reason: 'unload_load' } : {}) })
  const records: DyerRecord[] = changes.filter((c) => c.ts < endMs).map((c) => state(c.ts, c.state))
  for (let ts = startMs; ts < endMs; ts += 30_000) {
    records.push(body(ts, 'count', { total: 10_000 + DYER.batchQty * ends.filter((e) => e <= ts).length }))
    if (ts % MIN === 0) records.push(state(ts + 1, stateAt(ts).state))
  }
  records.sort((a, b) => a.ts - b.ts)
  return { records: records.map((r, i) => ({ ...r, body: { ...r.body, seq: i } })), ends }
}
