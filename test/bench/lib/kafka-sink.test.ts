import { describe, expect, it } from 'vitest'
import { publishTimes } from './kafka-sink.ts'

/** What the sink counted before it scanned: every sample object parsed, bad totals left out. */
function parsedTimes(value: string): number[] {
  type Sample = { ts?: number; total?: number; fields?: { ts?: number; total?: number }; samples?: Sample[] }
  const parsed = JSON.parse(value) as Sample
  const samples = Array.isArray(parsed.samples) ? parsed.samples : [parsed]
  return samples.flatMap((s) => {
    const ts = s.ts ?? s.fields?.ts
    const total = s.total ?? s.fields?.total
    return typeof ts === 'number' && !(typeof total === 'number' && total < 0) ? [ts] : []
  })
}

const ms = 1_796_000_000_123
const values = {
  'a MillStream v1 record': JSON.stringify({ v: 1, firm: 'f', plant: 'p', line: 'weaving', device: 'loom-01', ts: ms, receivedAt: ms + 3, seq: 7, channel: 'count', total: 70, unit: 'picks' }),
  'a device batch record': JSON.stringify({ v: 1, firm: 'f', plant: 'p', line: 'weaving', device: 'loom-01', receivedAt: ms + 9, samples: [1, 2, 3].map((i) => ({ ts: ms + i, seq: i, channel: 'count', total: i * 10 })) }),
  'a raw batch with bad samples (the floor)': JSON.stringify({ samples: [1, 2, 3, 4, 5].map((i) => ({ line: 'weaving', machine: `loom-0${i}`, channel: 'count', ts: ms + i, total: i % 2 === 0 ? -1 : i * 10, seq: i })) }),
  'a raw v1 payload, bad': JSON.stringify({ ts: ms, total: -1, seq: 3 }),
  "Telegraf's metric": JSON.stringify({ fields: { seq: 4, total: 40, ts: ms + 4 }, name: 'telemetry', tags: { channel: 'count', line: 'weaving', machine: 'loom-01' }, timestamp: 1_796_000_000 }),
  "Telegraf's metric, bad": JSON.stringify({ fields: { seq: 5, total: -1, ts: ms + 5 }, name: 'telemetry', tags: { channel: 'count' }, timestamp: 1_796_000_000 }),
}

describe('the sink counts what JSON.parse would', () => {
  for (const [what, value] of Object.entries(values)) {
    it(what, () => {
      expect(publishTimes(value)).toEqual(parsedTimes(value))
    })
  }

  it('times every valid sample of a batch and none of its bad ones', () => {
    expect(publishTimes(values['a raw batch with bad samples (the floor)'])).toEqual([ms + 1, ms + 3, ms + 5])
  })
})
