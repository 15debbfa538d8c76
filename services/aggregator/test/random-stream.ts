import type { SourceMessage } from '../src/engine/dead-letter.ts'
import { message, MIN } from './engine-harness.ts'

/** Test support: a seeded, reproducible stream of a loom, a ring frame and a plant meter. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// `unknown`: a reported loss of the live state (a Sparkplug death, issue 16).
const STATES = ['running', 'running', 'running', 'idle', 'down', 'setup', 'planned_stop', 'off', 'unknown'] as const
const REASONS = [undefined, 'warp_break', 'weft_break', 'no_material'] as const

/** Records in event-time order (offsets 0..n-1), over `minutes` minutes from `startMs`. */
export function randomStream(seed: number, startMs: number, minutes: number): SourceMessage[] {
  const rnd = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const events: { ts: number; build: (offset: number) => SourceMessage }[] = []
  for (const device of [{ line: 'weaving', device: 'loom-01' }, { line: 'spinning', device: 'rf-01' }]) {
    let seq = 0
    let total = 0
    let kwh = 100
    for (let t = startMs + Math.floor(rnd() * 20_000); t < startMs + minutes * MIN; t += 2_000 + Math.floor(rnd() * 40_000)) {
      const ts = t
      const s = seq++
      const roll = rnd()
      if (roll < 0.3) {
        const state = pick(STATES)
        const reason = state === 'running' ? undefined : pick(REASONS)
        events.push({ ts, build: (o) => message(o, { ...device, channel: 'state', ts, state, seq: s, ...(reason ? { reason } : {}) }) })
      } else if (roll < 0.7) {
        total = rnd() < 0.05 ? Math.floor(rnd() * 50) : total + Math.floor(rnd() * 900)
        const good = Math.floor(total * 0.97)
        const value = total
        events.push({ ts, build: (o) => message(o, { ...device, channel: 'count', ts, total: value, good, seq: s }) })
      } else {
        kwh += rnd() * 0.5
        const value = kwh
        const power = Math.round(rnd() * 400) / 10
        events.push({ ts, build: (o) => message(o, { ...device, channel: 'energy', ts, total: value, medium: 'electricity', power, seq: s }) })
      }
      if (rnd() < 0.02) t += 8 * MIN // a silent stretch: staleness, lumped deltas
    }
  }
  let meter = 5000
  for (let t = startMs; t < startMs + minutes * MIN; t += 15_000) {
    meter += rnd() * 3
    const value = meter
    const ts = t
    events.push({ ts, build: (o) => message(o, { line: 'utilities', device: 'incomer-electricity', channel: 'energy', ts, total: value, medium: 'electricity', power: 100 + rnd() * 50 }) })
  }
  events.push(...hallReadings(seed, startMs, minutes))
  events.push(...dyerReadings(seed, startMs, minutes))
  events.sort((a, b) => a.ts - b.ts)
  return events.map((e, i) => e.build(i))
}

/**
 * The spinning hall's climate sensor (process channel, issue 16): humidity and temperature every
 * few seconds, some humidity readings outside 40-80 %RH. Its own generator, so the other devices'
 * streams stay what they were for a seed.
 */
function hallReadings(seed: number, startMs: number, minutes: number): { ts: number; build: (offset: number) => SourceMessage }[] {
  const rnd = prng(seed ^ 0x5eed)
  const events: { ts: number; build: (offset: number) => SourceMessage }[] = []
  let seq = 0
  for (let t = startMs + Math.floor(rnd() * 10_000); t < startMs + minutes * MIN; t += 5_000 + Math.floor(rnd() * 25_000)) {
    const ts = t
    const s = seq++
    const humidity = rnd() < 0.05 ? 85 + Math.round(rnd() * 80) / 8 : 45 + Math.round(rnd() * 200) / 8
    const values: Record<string, number> = rnd() < 0.3 ? { humidity } : { humidity, temperature: 24 + Math.round(rnd() * 48) / 8 }
    events.push({ ts, build: (o) => message(o, { line: 'spinning', device: 'hall-sensor-01', channel: 'process', ts, values, seq: s }) })
  }
  return events
}

/**
 * The jet dyer (a batch machine, registry batchQty 500): running, a setup to unload and load at
 * each batch end, sometimes idle, down or a reported loss; its count steps by a batch at a batch
 * end (every 3-8 minutes here, so that batches end inside a short stream) and restarts from 0
 * now and then. Its own generator, so the other devices' streams stay what they were for a seed.
 */
function dyerReadings(seed: number, startMs: number, minutes: number): { ts: number; build: (offset: number) => SourceMessage }[] {
  const rnd = prng(seed ^ 0xd7e)
  const device = { line: 'dyeing', device: 'jd-01' }
  const events: { ts: number; build: (offset: number) => SourceMessage }[] = []
  let seq = 0
  let total = 20_000
  let nextEnd = startMs + (3 + rnd() * 5) * MIN
  let state: 'running' | 'setup' | 'idle' | 'down' | 'unknown' = 'running'
  const push = (ts: number, build: (o: number, s: number) => SourceMessage) => {
    const s = seq++
    events.push({ ts, build: (o) => build(o, s) })
  }
  for (let t = startMs + Math.floor(rnd() * 15_000); t < startMs + minutes * MIN; t += 5_000 + Math.floor(rnd() * 30_000)) {
    const ts = t
    if (state === 'running' && ts >= nextEnd) {
      total = rnd() < 0.1 ? 500 : total + 500
      state = 'setup'
      nextEnd = ts + (3 + rnd() * 5) * MIN
      const value = total
      push(ts, (o, s) => message(o, { ...device, channel: 'count', ts, total: value, seq: s }))
      continue
    }
    if (state !== 'running' && rnd() < 0.3) {
      state = 'running'
    } else if (state === 'running' && rnd() < 0.08) {
      state = (['idle', 'down', 'idle', 'down', 'idle', 'down', 'unknown'] as const)[Math.floor(rnd() * 7)] as typeof state
    }
    const value = total
    const st = state
    if (rnd() < 0.5) push(ts, (o, s) => message(o, { ...device, channel: 'count', ts, total: value, seq: s }))
    else push(ts + 1, (o, s) => message(o, { ...device, channel: 'state', ts: ts + 1, state: st, seq: s, ...(st === 'setup' ? { reason: 'unload_load' } : {}) }))
  }
  return events
}

/**
 * The same records arriving out of order, each at most `maxDelayMs` of event time after it should,
 * plus copies of some of them (also within the delay), renumbered as one partition.
 */
export function shuffleWithin(messages: readonly SourceMessage[], seed: number, maxDelayMs: number, copyShare: number): SourceMessage[] {
  const rnd = prng(seed)
  const tsOf = (m: SourceMessage) => (JSON.parse(String(m.value)) as { ts: number }).ts
  const arrivals = messages.flatMap((m) => {
    const copies = rnd() < copyShare ? 2 : 1
    return Array.from({ length: copies }, () => ({ m, at: tsOf(m) + rnd() * maxDelayMs }))
  })
  arrivals.sort((a, b) => a.at - b.at)
  return arrivals.map((a, i) => ({ ...a.m, offset: String(i) }))
}
