import type { ScoreRecord } from '@millstream/contract'
import { backfill, createScorer, type Scorer } from '@millstream/scorer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket, fluxDump } from '../support/influx.ts'
import { consumeFrom, type ConsumedRecord } from '../support/kafka.ts'
import { createLogger } from '@millstream/runtime'
import { writePoints } from '../store/store-support.ts'
import { scorerConfig, WEEK_END, WEEK_REGISTRY, WEEK_START, weekPoints } from './scripted-week.ts'

// Hand-worked from docs/scores.md §2 (the default weights and ramps), not from the scorer's code.
const ramp = (x: number, floor: number, target: number) => Math.min(1, Math.max(0, (x - floor) / (target - floor)))
/** Plant pa, D7 unavailable: its 0.1 goes to D1..D6 pro rata, i.e. Σ wᵢsᵢ / 0.9. */
function handD(completeness: number): number {
  const s1 = ramp(2 / 3, 0, 0.9) // 2 of 3 looms connected
  const s2 = ramp(3 / 4, 0, 1) // m1, m2 and the incomer of 4 devices report
  const s3 = ramp(completeness, 0.5, 0.98)
  const s4 = ramp(7 / 9, 0.5, 0.95) // 9 samples a minute, 2 late
  const s5 = ramp(0.2 / 0.25, 0, 0.8) // looms' kWh ÷ incomer kWh
  const s6 = ramp(5 / 15, 0, 0.9) // 5 s of 15 s non-running with a reason
  return (100 * (0.25 * s1 + 0.15 * s2 + 0.15 * s3 + 0.1 * s4 + 0.15 * s5 + 0.1 * s6)) / 0.9
}
/** E1, E2, E4 unavailable: E3 carries the whole weight; r_idle = (0.01 + 0.005) / 0.1. */
const HAND_E = 100 * ramp(0.015 / 0.1, 0.3, 0.05)

const H = 3_600_000
const at = (iso: string) => Date.parse(iso)
let bucket = ''
let clock = 0
let scorer: Scorer
let topic = ''
const logger = createLogger({ name: 'scorer-test', level: 'warn' })

beforeAll(async () => {
  bucket = await createTestBucket('scorer')
  await writePoints(bucket, weekPoints())
  const config = scorerConfig(bucket)
  topic = config.SCORER_TOPIC
  scorer = await createScorer({ config, logger, registry: WEEK_REGISTRY, now: () => clock, schedule: false, catchUp: false })
  await scorer.start()
}, 300_000)
afterAll(async () => {
  await scorer?.stop()
  await deleteTestBucket(bucket)
})

const key = (plant: string, period: string, start: string) => `${plant === 'pa' ? 'fa' : 'fb'}/${plant}/${period}/${start}`
/** Every record of the topic by key, once at least `atLeast` have arrived. */
async function recordsByKey(atLeast: number): Promise<Map<string, ConsumedRecord<ScoreRecord>[]>> {
  const records = await consumeFrom<ScoreRecord>(topic, [], { until: (rs) => rs.length >= atLeast, timeoutMs: 60_000, settleMs: 1_000 })
  const byKey = new Map<string, ConsumedRecord<ScoreRecord>[]>()
  for (const r of records) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r])
  return byKey
}

describe('scheduled scores of a scripted week (real Kafka and InfluxDB)', () => {
  it('scores the days, the rolling 24 h and the month to the hand-worked values', async () => {
    clock = at('2026-03-09T02:00:00+08:00') // the last day has settled (00:00 + 90 min)
    await scorer.jobs.trigger('day')
    await scorer.jobs.trigger('rolling_24h')
    clock = at('2026-04-01T01:31:00+08:00')
    await scorer.jobs.trigger('month')
    // 8 days and 8 rolling 24 h (the catch-up cap) and a month, for each of 2 plants.
    const byKey = await recordsByKey(34)
    expect([...byKey.values()].reduce((n, v) => n + v.length, 0)).toBe(34)
    const last = (k: string) => byKey.get(k)?.at(-1)?.value

    const day = last(key('pa', 'day', '2026-03-03T00:00:00.000+08:00'))
    expect(day?.digitalization.status).toBe('ok')
    expect(day?.digitalization.score).toBeCloseTo(handD(2 / 3), 4)
    expect(day?.energy.score).toBeCloseTo(HAND_E, 4)
    expect(day?.energy.level).toEqual({ id: 'developing', zh: '发展', en: 'Developing' })
    expect(day?.miitEvidence.equipmentNetworkingRate).toEqual({ value: 0.666667, band: '(60, 100 %]', points: 6, maxPoints: 6 })
    // Gains by hand: E3 100 × 1 × (1 − 0.6) = 40; D1 100 × (0.25 / 0.9) × (1 − (2/3) / 0.9) = 7.2.
    expect(day?.diagnosis[0]?.en).toBe('cut idle and off-shift energy of the plant, +40 points')
    const d1Gain = Math.round(1000 * (0.25 / 0.9) * (1 - 2 / 3 / 0.9)) / 10
    expect(day?.diagnosis.map((d) => d.en)).toContain(`connect the 1 unconnected loom machines of line weave, +${d1Gain} points`)

    // The newest rolling 24 h (8 at most per run): ending 2026-03-09 01:00, 23 h of data in 24.
    const rolling = last(key('pa', 'rolling_24h', '2026-03-08T01:00:00.000+08:00'))
    expect(rolling?.digitalization.score).toBeCloseTo(handD((2 / 3) * (23 / 24)), 4)
    // The incomer reported 23 h of 24 = 95.8 %, above the 95 % gate: the energy score stands.
    expect(rolling?.energy.score).toBeCloseTo(HAND_E, 4)

    const month = last(key('pa', 'month', '2026-03-01T00:00:00.000+08:00'))
    expect(month?.digitalization.score).toBeCloseTo(handD((2 * 7) / (3 * 31)), 4)
    expect(month?.energy.status).toBe('insufficient_data')
    expect(month?.energy.score).toBeNull()
    expect(month?.energy.reasons[0]).toBe(`mainMeterCompleteness = ${Math.round((7 / 31) * 1e6) / 1e6}, needs ≥ 0.95`)
  })

  it('gives the plant without connected machines a record that says why, not a number', async () => {
    const byKey = await recordsByKey(34)
    const b = byKey.get(key('pb', 'day', '2026-03-04T00:00:00.000+08:00'))?.at(-1)?.value
    expect(b?.digitalization).toMatchObject({ status: 'insufficient_data', score: null, level: null, reasons: ['D1 = 0, needs ≥ 0.1'] })
    expect(b?.energy).toMatchObject({ status: 'insufficient_data', score: null })
    expect(b?.energy.reasons).toContain('subMeteredShare (D5) = 0, needs ≥ 0.5')
  })

  it('backfills the scheduled records byte for byte, and a second backfill changes nothing', async () => {
    const measurements = ['plant_score', 'plant_score_component']
    const before = await fluxDump(bucket, WEEK_START - 2 * 24 * H, WEEK_END + 40 * 24 * H, measurements)
    await backfill(scorer, { from: '2026-03-02', to: '2026-03-08', periods: ['day'] })
    const once = await fluxDump(bucket, WEEK_START - 2 * 24 * H, WEEK_END + 40 * 24 * H, measurements)
    await backfill(scorer, { from: '2026-03-02', to: '2026-03-08', periods: ['day'] })
    const twice = await fluxDump(bucket, WEEK_START - 2 * 24 * H, WEEK_END + 40 * 24 * H, measurements)
    expect(once).toEqual(before)
    expect(twice).toEqual(before)
    const byKey = await recordsByKey(34 + 2 * 14)
    const dayKeys = [...byKey.keys()].filter((k) => k.includes('/day/2026-03-0') && !k.includes('/day/2026-03-01'))
    expect(dayKeys.length).toBe(2 * 7)
    for (const k of dayKeys) {
      const values = byKey.get(k) ?? []
      expect(values.length, k).toBeGreaterThanOrEqual(3) // scheduled, backfill, backfill again
      expect(new Set(values.map((v) => JSON.stringify(v.value))).size, k).toBe(1)
    }
  })
})
