import type { ScoreRecord } from '@millstream/contract'
import { backfill, createScorer, type Scorer } from '@millstream/scorer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countPoints, createTestBucket, deleteTestBucket, fluxDump } from '../support/influx.ts'
import { consumeFrom, type ConsumedRecord } from '../support/kafka.ts'
import { createLogger } from '@millstream/runtime'
import { writePoints } from '../store/store-support.ts'
import { BASELINE_MONTHS, scorerConfig, WEEK_BENCHMARKS, WEEK_END, WEEK_REGISTRY, WEEK_START, weekPoints } from './scripted-week.ts'

// Hand-worked from docs/scores.md §2 (the default weights and ramps, GB/T 2589 coefficients
// 0.1229 kgce/kWh and 1.2143 kgce/Nm3, the benchmark 30 kgce/100 m), not from the scorer's code.
const ramp = (x: number, floor: number, target: number) => Math.min(1, Math.max(0, (x - floor) / (target - floor)))
/** Plant pa: every component has data (D7: both reporting stenters plan a rate and count output). */
function handD(completeness: number): number {
  const s1 = ramp(2 / 3, 0, 0.9) // 2 of 3 stenters connected
  const s2 = ramp(3 / 4, 0, 1) // m1, m2 and the incomer of 4 devices report
  const s3 = ramp(completeness, 0.5, 0.98)
  const s4 = ramp(7 / 9, 0.5, 0.95) // 9 samples a minute, 2 late
  const s5 = ramp(0.2 / 0.25, 0, 0.8) // stenters' kWh ÷ incomer kWh
  const s6 = ramp(5 / 15, 0, 0.9) // 5 s of 15 s non-running with a reason
  const s7 = ramp(1, 0, 1) // all 60 s of PBT of m1, m2 with a planned rate and output
  return 100 * (0.25 * s1 + 0.15 * s2 + 0.15 * s3 + 0.1 * s4 + 0.15 * s5 + 0.1 * s6 + 0.1 * s7)
}
/** kgce a minute: the incomer's 0.25 kWh (above the stenters' 0.2) and the stenters' 2 × 0.5 Nm3 gas. */
const KGCE_PER_MIN = 0.25 * 0.1229 + 1.0 * 1.2143
/** E1: 5 m of good fabric a minute; limit 30, advanced the placeholder 0.8 × 30 = 24. */
const SEC = (KGCE_PER_MIN * 100) / 5
const S1 = ramp(SEC, 30, 24)
/** E2: least squares of the baseline months' kgce on their ideal output hours, worked here from the data. */
function handIndex(minutes: number, periodHours: number): number {
  const points = BASELINE_MONTHS.map((m) => {
    const hours = (m.endMs - m.startMs) / H
    return { p: hours * m.idealHPerH, e: 0.1229 * hours * m.kwhPerH, hours }
  })
  const n = points.length
  const mp = points.reduce((s, x) => s + x.p, 0) / n
  const me = points.reduce((s, x) => s + x.e, 0) / n
  const b = points.reduce((s, x) => s + (x.p - mp) * (x.e - me), 0) / points.reduce((s, x) => s + (x.p - mp) ** 2, 0)
  const a = me - b * mp
  const meanMonthH = points.reduce((s, x) => s + x.hours, 0) / n
  const output = (2 * 40 * minutes) / 3600 // ideal hours: 40 ideal s per stenter-minute
  const expected = (a * periodHours) / meanMonthH + b * output
  return (KGCE_PER_MIN * minutes) / expected
}
/** s = 0.5 + (1 − I) / (2g), g = 2.86 % (under a year since the baseline: the 1-year minimum). */
const s2Of = (index: number) => ramp(0.5 + (1 - index) / (2 * 0.0286), 0, 1)
/** E3: r_idle = (0.01 + 0.005) / 0.1. E4: ρ = peak share of kWh ÷ peak share of planned time. */
const S3 = ramp(0.015 / 0.1, 0.3, 0.05)
const handE = (index: number, rho: number) => 100 * (0.4 * S1 + 0.25 * s2Of(index) + 0.2 * S3 + 0.15 * ramp(rho, 1.2, 0.8))

const H = 3_600_000
const at = (iso: string) => Date.parse(iso)
// Two buckets (issue 17): the minutes in one, the hours, the baseline year and the scores in the other.
let bucket = { minutes: '', rollups: '' }
let clock = 0
let scorer: Scorer
let topic = ''
const logger = createLogger({ name: 'scorer-test', level: 'warn' })

beforeAll(async () => {
  bucket = { minutes: await createTestBucket('scorer'), rollups: await createTestBucket('scorer-rollups') }
  await writePoints(bucket, weekPoints())
  const config = scorerConfig(bucket.minutes, { INFLUX_ROLLUP_BUCKET: bucket.rollups })
  topic = config.SCORER_TOPIC
  scorer = await createScorer({ config, logger, registry: WEEK_REGISTRY, benchmarks: WEEK_BENCHMARKS, now: () => clock, schedule: false, catchUp: false })
  await scorer.start()
}, 300_000)
afterAll(async () => {
  await scorer?.stop()
  await deleteTestBucket(bucket.minutes)
  await deleteTestBucket(bucket.rollups)
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
    const component = (id: string) => day?.energy.components.find((c) => c.id === id)
    expect(component('E1')).toMatchObject({ state: 'scored', inputs: { 'dyeing_woven.secKgce': Math.round(SEC * 1e6) / 1e6, 'dyeing_woven.basis': '100 m', 'dyeing_woven.limitKgce': 30, 'dyeing_woven.advancedKgce': 24 } })
    expect(component('E1')?.subScore).toBeCloseTo(S1, 5)
    expect(component('E2')?.value).toBeCloseTo(handIndex(1440, 24), 5)
    expect(component('E2')?.inputs.baselineMonths).toBe(12)
    expect(component('E4')?.value).toBeCloseTo(1, 9)
    expect(day?.energy.score).toBeCloseTo(handE(handIndex(1440, 24), 1), 4)
    expect(day?.energyKgce).toBeCloseTo(KGCE_PER_MIN * 1440, 4)
    expect(day?.benchmarkVersion).toBe(WEEK_BENCHMARKS.version)
    expect(day?.miitEvidence.equipmentNetworkingRate).toEqual({ value: 0.666667, band: '(60, 100 %]', points: 6, maxPoints: 6 })
    // Gains by hand: E3 100 × 0.2 × (1 − 0.6) = 8; D1 100 × 0.25 × (1 − (2/3) / 0.9) = 6.5.
    expect(day?.diagnosis.map((d) => d.en)).toContain('cut idle and off-shift energy of the plant, +8 points')
    const d1Gain = Math.round(1000 * 0.25 * (1 - 2 / 3 / 0.9)) / 10
    expect(day?.diagnosis.map((d) => d.en)).toContain(`connect the 1 unconnected stenter machines of line dye, +${d1Gain} points`)

    // The newest rolling 24 h (8 at most per run): ending 2026-03-09 01:00, 23 h of data in 24.
    const rolling = last(key('pa', 'rolling_24h', '2026-03-08T01:00:00.000+08:00'))
    expect(rolling?.digitalization.score).toBeCloseTo(handD((2 / 3) * (23 / 24)), 4)
    // The incomer reported 23 h of 24 = 95.8 %, above the 95 % gate: the energy score stands.
    // E4: 12 peak hours of the 23 with energy, against 12 peak hours of 24 planned: ρ = 24/23.
    expect(rolling?.energy.score).toBeCloseTo(handE(handIndex(1380, 24), 24 / 23), 4)

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
    expect(before.length).toBeGreaterThan(0)
    // The scores are in the rollup bucket only.
    expect(await countPoints(bucket.minutes, 'plant_score', 'status', WEEK_START - 2 * 24 * H, WEEK_END + 40 * 24 * H)).toBe(0)
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
  }, 300_000)
})
