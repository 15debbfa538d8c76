import { describe, expect, it } from 'vitest'
import { batchDyer, DYER } from '../../../../test/support/batch-dyer.ts'
import { fieldsOf, linesOf, message, MIN, runUninterrupted } from '../../test/engine-harness.ts'

// 2025-03-10 08:00 in Asia/Shanghai: the test plant's shift A starts.
const T0 = Date.parse('2025-03-10T08:00:00+08:00')
const sum = (rows: Record<string, number>[], field: string) => rows.reduce((n, r) => n + (r[field] ?? 0), 0)

describe("a batch machine's performance in the aggregator", () => {
  it('credits each batch with its run time in the minute it ends, leaving out the batch it first saw', () => {
    const { records, ends } = batchDyer(T0, 21)
    const msgs = records.map((r, i) => message(i, r.body as Parameters<typeof message>[1]))
    const influx = runUninterrupted(msgs, T0 + 22 * 60 * MIN).influx
    const minutes = linesOf(influx, 'machine_minute').filter((l) => l.includes('machine=jd-01')).map(fieldsOf)
    // Three batches end; the first (started before the data) is produced but not credited.
    expect(ends.filter((e) => e < T0 + 21 * 60 * MIN)).toHaveLength(3)
    expect(sum(minutes, 'produced_qty')).toBeCloseTo(1_500, 6)
    expect(sum(minutes, 'credited_ideal_s')).toBeCloseTo((1_000 / DYER.idealRatePerMin) * 60, 6)
    expect(sum(minutes, 'credited_ideal_s') / sum(minutes, 'credited_apt_s')).toBeCloseTo(0.88, 3)
    // The data-quality view counts the batch left out, in the minute its output was completed.
    const intake = linesOf(influx, 'device_intake_minute').filter((l) => l.includes('device=jd-01')).map(fieldsOf)
    expect(sum(intake, 'uncredited_batches')).toBe(1)
    // Minutes that credit nothing carry no credited time, though the dyer ran in them.
    const running = minutes.filter((m) => (m.apt_s ?? 0) === 60 && (m.produced_qty ?? 0) === 0)
    expect(running.length).toBeGreaterThan(600)
    expect(running.every((m) => m.credited_apt_s === 0 && m.credited_ideal_s === 0)).toBe(true)
  })
})
