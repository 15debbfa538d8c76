import type { ScoreRecord, ScoreRollupRecord } from '@millstream/contract'
import { MEASUREMENTS } from '@millstream/contract'
import { createLogger } from '@millstream/runtime'
import { backfill, createScorer, type Scorer } from '@millstream/scorer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket, fluxDump } from '../support/influx.ts'
import { consumeFrom, type ConsumedRecord } from '../support/kafka.ts'
import { hourRollups, type TestPoint } from '../store/plant-points.ts'
import { writePoints } from '../store/store-support.ts'
import { scorerConfig, TZ, WEEK_BENCHMARKS, WEEK_END, WEEK_START, weekPoints } from './scripted-week.ts'
import { weekPlant, weekRegistry } from './week-registry.ts'

// Two firms in two clusters on the real servers: fa/pa (德安) and fb/pb, fb/pc (奉新), all three
// in the product family dyeing_woven. pc is pa with only stenter m1 connected and half the
// incomer; pb has no connected machine (no score). Expected roll-ups are worked from the plant
// records by the documented rule (docs/scores.md §4), not by the scorer's code.
const REGISTRY = weekRegistry([weekPlant('pc', '奉新', ['m1', 'm2', 'm3'])])
const DAY = '2026-03-03T00:00:00.000+08:00'
const logger = createLogger({ name: 'rollup-test', level: 'warn' })
let bucket = ''
let scorer: Scorer
let config: ReturnType<typeof scorerConfig>

function pcPoints(): TestPoint[] {
  const minutes = weekPoints().filter((p) => p.tags.plant === 'pa' && p.timeMs >= WEEK_START && p.timeMs < WEEK_END && !p.measurement.endsWith('_hour') && (p.tags.machine ?? p.tags.device) !== 'm2')
  const points = minutes.map((p) => {
    const fields = p.measurement === MEASUREMENTS.meterMinute ? { electricity_kwh: 0.125 } : p.fields
    return { ...p, tags: { ...p.tags, firm: 'fb', plant: 'pc' }, fields }
  })
  return [...points, ...hourRollups(points, TZ)]
}

beforeAll(async () => {
  bucket = await createTestBucket('rollups')
  await writePoints(bucket, [...weekPoints(), ...pcPoints()])
  config = scorerConfig(bucket)
  scorer = await createScorer({ config, logger, registry: REGISTRY, benchmarks: WEEK_BENCHMARKS, now: () => Date.parse('2026-03-09T02:00:00+08:00'), schedule: false, catchUp: false })
  await scorer.start()
  await scorer.jobs.trigger('day')
}, 600_000)
afterAll(async () => {
  await scorer?.stop()
  await deleteTestBucket(bucket)
})

const lastByKey = <T>(records: ConsumedRecord<T>[]) => new Map(records.map((r) => [r.key, r.value]))
const weighted = (pairs: [number | null, number][]) => {
  const scored = pairs.filter(([s, w]) => s !== null && w > 0) as [number, number][]
  return scored.reduce((s, [x, w]) => s + x * w, 0) / scored.reduce((s, [, w]) => s + w, 0)
}

describe('roll-ups for the platform (real Kafka and InfluxDB)', () => {
  it('publishes firm, cluster and product-family roll-ups weighted as documented, with percentiles within each group', async () => {
    // 8 days × (2 firms + 2 clusters + 1 family) roll-ups; 8 days × 3 plant records.
    const rollups = lastByKey(await consumeFrom<ScoreRollupRecord>(config.SCORER_ROLLUP_TOPIC, [], { until: (rs) => new Set(rs.map((r) => r.key)).size >= 40, timeoutMs: 120_000, settleMs: 1_000 }))
    const plants = lastByKey(await consumeFrom<ScoreRecord>(config.SCORER_TOPIC, [], { until: (rs) => rs.length >= 24, timeoutMs: 60_000, settleMs: 1_000 }))
    expect(rollups.size).toBe(40)
    const plant = (firm: string, id: string) => plants.get(`${firm}/${id}/day/${DAY}`) as ScoreRecord
    const [pa, pb, pc] = [plant('fa', 'pa'), plant('fb', 'pb'), plant('fb', 'pc')]
    expect(pa.digitalization.score).toBeGreaterThan(pc.digitalization.score as number)
    expect(pb.digitalization.score).toBeNull()

    const fengxin = rollups.get(`cluster/奉新/day/${DAY}`)
    expect(fengxin?.digitalization).toMatchObject({ score: pc.digitalization.score, plants: 1, plantsWithoutData: 1, weighting: 'registered_machines' })
    expect(fengxin?.digitalization.members).toEqual([
      { firm: 'fb', plant: 'pb', score: null, weight: 2, percentile: null },
      { firm: 'fb', plant: 'pc', score: pc.digitalization.score, weight: 3, percentile: 50 },
    ])
    const family = rollups.get(`product_family/dyeing_woven/day/${DAY}`)
    // pa above pc: pa has 1 of 2 scored peers below it (75), pc none (25); pb is not ranked.
    expect(family?.digitalization.members.map((m) => [m.plant, m.percentile])).toEqual([['pa', 75], ['pb', null], ['pc', 25]])
    expect(family?.digitalization.score).toBeCloseTo(weighted([[pa.digitalization.score, 3], [pb.digitalization.score, 2], [pc.digitalization.score, 3]]), 5)
    // Energy by each plant's kgce: pa burns more than pc (two stenters' gas against one).
    expect(pa.energyKgce).toBeGreaterThan(pc.energyKgce as number)
    expect(family?.energy.weighting).toBe('energy_kgce')
    expect(family?.energy.score).toBeCloseTo(weighted([[pa.energy.score, pa.energyKgce as number], [pc.energy.score, pc.energyKgce as number]]), 5)
    expect(rollups.get(`firm/fb/day/${DAY}`)?.digitalization.plants).toBe(1)
    expect(rollups.get(`cluster/德安/day/${DAY}`)?.digitalization.members.map((m) => m.plant)).toEqual(['pa'])

    const dump = await fluxDump(bucket, Date.parse(DAY), Date.parse(DAY) + 1, ['score_percentile'])
    expect(dump).toContain(`score_percentile,firm=fa,kind=digitalization,period=day,plant=pa,scope=product_family,subject=dyeing_woven percentile=75 ${new Date(Date.parse(DAY)).toISOString().replace('.000Z', 'Z')}`)
  })

  it('backfills the roll-ups to the same bytes in Kafka and the same points in InfluxDB, however often', async () => {
    const measurements = ['score_rollup', 'score_percentile']
    const before = await fluxDump(bucket, WEEK_START - 2 * 86_400_000, WEEK_END, measurements)
    await backfill(scorer, { from: '2026-03-02', to: '2026-03-08', periods: ['day'] })
    await backfill(scorer, { from: '2026-03-02', to: '2026-03-08', periods: ['day'] })
    expect(await fluxDump(bucket, WEEK_START - 2 * 86_400_000, WEEK_END, measurements)).toEqual(before)
    const all = await consumeFrom<ScoreRollupRecord>(config.SCORER_ROLLUP_TOPIC, [], { until: (rs) => rs.length >= 40 + 2 * 35, timeoutMs: 120_000, settleMs: 2_000 })
    const values = new Map<string, Set<string>>()
    for (const r of all) values.set(r.key, (values.get(r.key) ?? new Set()).add(JSON.stringify(r.value)))
    const dayKeys = [...values.keys()].filter((k) => /\/day\/2026-03-0[2-8]/.test(k))
    expect(dayKeys).toHaveLength(35)
    for (const k of dayKeys) expect(values.get(k)?.size, k).toBe(1)
  }, 600_000)
})
