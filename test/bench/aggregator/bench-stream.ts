import type { Registry } from '@millstream/contract'

export interface BenchRecord {
  key: string
  value: string
  tsMs: number
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
