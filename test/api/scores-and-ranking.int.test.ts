import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { SCORE_MEASUREMENTS, type Firm, type Plant, type ScoreRecord } from '@millstream/contract'
import { percentileRanks, rollupScores } from '@millstream/metrics'
import { buildScoreRecord } from '@millstream/scorer'
import { localDays } from '@millstream/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { servers } from '../support/servers.ts'
import { startTestApi, twoTenantRegistry, type TestApi } from './api-support.ts'

/*
 * Score history, components and the latest record of a plant, and the platform ranking, from
 * records the scorer's own builder made, written as the scorer writes them (the record JSON on the
 * digitalization plant_score point); ranks and roll-ups checked against @millstream/metrics.
 */
const registry = twoTenantRegistry()
for (const f of registry.firms) for (const p of f.plants) p.cluster = '共青城'
const DAYS = ['2025-06-01', '2025-06-02']

/** A plant's day with `share` of its machines connected: different shares give different scores. */
function record(firm: Firm, plant: Plant, day: string, share: number): ScoreRecord {
  const range = localDays(day, day, plant.timeZone)
  const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ id: m.id, line: l.id, type: m.type })))
  const connected = machines.slice(0, Math.round(machines.length * share)).map((m) => m.id)
  const periodS = (range.endMs - range.startMs) / 1000
  return buildScoreRecord({
    firm, plant, period: 'day', range,
    measures: {
      periodS, machines, connected, knownS: connected.length * periodS * 0.95,
      meters: plant.meters.map((m) => ({ id: m.id, scope: m.scope, medium: m.medium })),
      deviceMinutes: Object.fromEntries([...connected, ...plant.meters.map((m) => m.id)].map((id) => [id, 1440])),
      samples: 1000, lateSamples: 10, elements: null, oee: null, machineKwh: 100, idleKwh: 10, offShiftKwh: 5, mainMeterKwh: 150,
      // No production, series or baseline: D7, E1, E2 and E4 are unavailable; the incomer's 150 kWh is the plant's kgce (its energy weight).
      kpiComputability: { plannedRateMs: 0, pbtMs: 0 }, energy: { lines: [], incomers: { electricity: 150 }, output: {}, idealOutputH: 0, hourlyKwh: [] }, baselineMonths: [],
    },
    benchmarks: { version: 'none', rows: [] },
  })
}

let t: TestApi
let bucket = ''
let records: ScoreRecord[] = []
beforeAll(async () => {
  bucket = await createTestBucket('api-scores')
  const [own, other] = registry.firms as [Firm, Firm]
  records = DAYS.flatMap((day, i) => [record(own, own.plants[0] as Plant, day, 0.4 + 0.2 * i), record(other, other.plants[0] as Plant, day, 0.9)])
  const s = servers()
  const write = new InfluxDB({ url: s.influxUrl, token: s.influxToken }).getWriteApi(s.influxOrg, bucket, 'ms')
  for (const r of records) {
    write.writePoint(new Point(SCORE_MEASUREMENTS.plantScore).tag('firm', r.firm).tag('plant', r.plant).tag('period', r.period).tag('kind', 'digitalization').timestamp(Date.parse(r.periodStart)).stringField('record', JSON.stringify(r)))
  }
  await write.close()
  t = await startTestApi({ bucket, registry })
}, 180_000)
afterAll(async () => {
  await t?.stop()
  await deleteTestBucket(bucket)
})

const A = '/v1/firms/test-firm/plants/test-plant/scores'
const Q = `from=${DAYS[0]}&to=${DAYS[1]}`
const own = () => records.filter((r) => r.firm === 'test-firm')

describe('plant scores', () => {
  it('lists each day with both scores and data sufficiency, as the scorer recorded them', async () => {
    const body = (await t.get(`${A}?${Q}`, await t.tokenOf('energy_officer'))).body as { rows: { from: string; values: { digitalization: number | null; energy: number | null; meetsMonitoringRule: boolean } }[] }
    expect(body.rows.map((r) => r.from)).toEqual(own().map((r) => new Date(r.periodStart).toISOString()))
    expect(body.rows.map((r) => r.values.digitalization)).toEqual(own().map((r) => r.digitalization.score))
    expect(body.rows[0]?.values.digitalization).not.toBe(body.rows[1]?.values.digitalization)
    expect(body.rows.map((r) => r.values.meetsMonitoringRule)).toEqual(own().map((r) => r.dataSufficiency.meetsMonitoringRule))
  })

  it('gives every component of both scores per day, and the latest record whole with evidence and diagnosis', async () => {
    const token = await t.tokenOf('plant_manager')
    const components = (await t.get(`${A}/components?${Q}`, token)).body as { rows: { group: { kind: string; component: string }; values: { points: number | null } }[] }
    expect(components.rows).toHaveLength(own().reduce((n, r) => n + r.digitalization.components.length + r.energy.components.length, 0))
    const d1 = own()[1]?.digitalization.components.find((c) => c.id === 'D1')
    expect(components.rows.filter((r) => r.group.component === 'D1').at(-1)?.values.points).toBe(d1?.points)
    const latest = (await t.get(`${A}/latest?${Q}`, token)).body as { record: ScoreRecord }
    expect(latest.record).toEqual(own()[1])
    expect(latest.record.diagnosis.length).toBeGreaterThan(0)
  })
})

describe('platform ranking', () => {
  const latest = () => records.filter((r) => r.periodStart.startsWith(DAYS[1] as string))

  it('ranks plants with percentiles overall and in the cluster, and rolls firms and clusters up, as metrics does', async () => {
    const body = (await t.get(`/v1/platform/ranking?${Q}`, await t.tokenOf('admin'))).body as { plants: { plant: string; digitalization: { score: number; rank: number; percentile: number; clusterPercentile: number } }[]; firms: { firm: string; digitalization: unknown }[]; clusters: { cluster: string; energy: unknown }[] }
    const peers = latest().map((r) => ({ id: `${r.firm}/${r.plant}`, score: r.digitalization.score, weight: r.dataSufficiency.machinesRegistered }))
    const ranks = percentileRanks(peers)
    expect(body.plants.map((p) => p.plant)).toEqual(['other-test-plant', 'test-plant'])
    expect(body.plants.map((p) => p.digitalization.rank)).toEqual([1, 2])
    for (const p of body.plants) expect(p.digitalization.percentile).toBe(ranks.get(`${p.plant === 'test-plant' ? 'test-firm' : 'other-firm'}/${p.plant}`))
    expect(body.firms.find((f) => f.firm === 'test-firm')?.digitalization).toEqual(rollupScores(peers.filter((p) => p.id.startsWith('test-firm/'))))
    expect(body.clusters).toEqual([{ cluster: '共青城', digitalization: rollupScores(peers), energy: rollupScores(latest().map((r) => ({ id: r.plant, score: r.energy.score, weight: r.dataSufficiency.machinesRegistered }))) }])
  })

  it('ranks only plants whose scores the caller may read: the platform sees firms that share scores', async () => {
    const plantsOf = async (role: 'platform' | 'energy_officer') => ((await t.get(`/v1/platform/ranking?${Q}`, await t.tokenOf(role))).body as { plants: { firm: string }[] }).plants.map((p) => p.firm)
    expect(await plantsOf('platform')).toEqual(['other-firm'])
    expect(await plantsOf('energy_officer')).toEqual(['test-firm'])
    const res = await t.get(`/v1/platform/ranking?${Q}`, await t.tokenOf('platform'))
    expect(res.text).not.toMatch(/"test-firm"|"test-plant"/)
  })
})
