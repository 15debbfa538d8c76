import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InfluxDB, Point } from '@influxdata/influxdb-client'
import { SCORE_MEASUREMENTS, type Registry, type ScoreRecord } from '@millstream/contract'
import { generateRange } from '@millstream/reports'
import { buildScoreRecord } from '@millstream/scorer'
import { localDays } from '@millstream/store'
import type { TestApi } from '../api/api-support.ts'
import { startTestReports } from '../reports/report-support.ts'
import { servers } from '../support/servers.ts'

/** The reports directory the dashboard's API serves (API_REPORTS_DIR), made per run. */
export const dashboardReportsDir = (): string => mkdtempSync(join(tmpdir(), 'millstream-dashboard-reports-'))

/**
 * Day score records of every plant, built by the scorer's own builder and written as the scorer
 * writes them (the record JSON on the digitalization plant_score point), as test/api does: the
 * test pipeline runs no scorer, and two hours of telemetry would score "not enough data" anyway.
 * Each day has a different share of machines connected, so the history moves.
 */
export async function writeDayScores(bucket: string, registry: Registry, days: readonly string[]): Promise<ScoreRecord[]> {
  const records = registry.firms.flatMap((firm) => firm.plants.flatMap((plant) => days.map((day, i) => {
    const range = localDays(day, day, plant.timeZone)
    const machines = plant.lines.flatMap((l) => l.machines.map((m) => ({ id: m.id, line: l.id, type: m.type })))
    const connected = machines.slice(0, Math.max(1, Math.round(machines.length * (0.5 + 0.25 * i)))).map((m) => m.id)
    const periodS = (range.endMs - range.startMs) / 1000
    return buildScoreRecord({
      firm, plant, period: 'day', range, benchmarks: { version: 'none', rows: [] },
      measures: {
        periodS, machines, connected, knownS: connected.length * periodS * 0.95,
        meters: plant.meters.map((m) => ({ id: m.id, scope: m.scope, medium: m.medium })),
        deviceMinutes: Object.fromEntries([...connected, ...plant.meters.map((m) => m.id)].map((id) => [id, 1440])),
        samples: 1000, lateSamples: 10, elements: null, oee: null, machineKwh: 100, idleKwh: 10, offShiftKwh: 5, mainMeterKwh: 150,
        kpiComputability: { plannedRateMs: 0, pbtMs: 0 }, energy: { lines: [], incomers: { electricity: 150 }, output: {}, idealOutputH: 0, hourlyKwh: [] }, baselineMonths: [],
      },
    })
  })))
  const s = servers()
  const write = new InfluxDB({ url: s.influxUrl, token: s.influxToken }).getWriteApi(s.influxOrg, bucket, 'ms')
  for (const r of records) {
    write.writePoint(new Point(SCORE_MEASUREMENTS.plantScore).tag('firm', r.firm).tag('plant', r.plant).tag('period', r.period).tag('kind', 'digitalization').timestamp(Date.parse(r.periodStart)).stringField('record', JSON.stringify(r)))
  }
  await write.close()
  return records
}

/** Today's daily summary of the test plant, made by the reports service in-process from the API's figures. */
export async function writeDailySummary(api: TestApi, dir: string, day: string): Promise<void> {
  const reports = await startTestReports(api, dir)
  try {
    await generateRange(reports.deps, { from: day, to: day, plant: 'test-plant', kinds: ['daily-summary'] })
  } finally {
    await reports.stop()
  }
}
