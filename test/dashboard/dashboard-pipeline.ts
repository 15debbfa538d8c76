import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_CHAOS } from '@millstream/simulator'
import type { ScoreRecord } from '@millstream/contract'
import { startTestApi, twoTenantRegistry, type TestApi } from '../api/api-support.ts'
import { aggregatorRun, startTestAggregator, waitUntil } from '../support/aggregator.ts'
import { createTestBucket, deleteTestBucket } from '../support/influx.ts'
import { startTestIngest } from '../support/ingest.ts'
import { uniqueName } from '../support/servers.ts'
import { simulateTestPlant } from '../support/simulator.ts'
import { dashboardReportsDir, writeDailySummary, writeDayScores } from './dashboard-extras.ts'

const DASHBOARD_DIR = fileURLToPath(new URL('../../services/dashboard', import.meta.url))

/** Newest modification time of the files under `dir`. */
function newestMtimeMs(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * The dashboard's build, made here when missing or older than its sources (scripts/test-all.sh
 * builds it before the suites; a suite run alone must not test a stale build).
 */
export function ensureDashboardBuilt(): void {
  const index = `${DASHBOARD_DIR}/dist/index.html`
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtimeMs(`${DASHBOARD_DIR}/src`), statSync(`${DASHBOARD_DIR}/index.html`).mtimeMs)) return
  execFileSync('pnpm', ['--filter', '@millstream/dashboard', 'build'], { stdio: 'inherit' })
}

export interface DashboardPipeline {
  api: TestApi
  /** The day score records written for every plant (the days before today). */
  scores: ScoreRecord[]
  /** Stops the API (its live streams drop) and starts a new one on the same port. */
  restartApi(whileDown?: () => Promise<void>): Promise<void>
  stop(): Promise<void>
}

/**
 * The real pipeline the dashboard reads: ingest, aggregator and API on the real servers, fed by
 * the simulator with the test plant's last two hours (ending ten minutes ago, so today's numbers
 * settle). The API follows the aggregator's live topic and the telemetry topic of this run.
 */
export async function startDashboardPipeline(): Promise<DashboardPipeline> {
  ensureDashboardBuilt()
  const bucket = await createTestBucket('dashboard')
  const topic = uniqueName('dashboard.telemetry')
  const run = aggregatorRun(topic, bucket)
  const ingest = await startTestIngest({ LOG_LEVEL: 'error', INGEST_TELEMETRY_TOPIC: topic, INGEST_DLQ_TOPIC: `${topic}.dlq` })
  const aggregator = await startTestAggregator(run, { LOG_LEVEL: 'error' })
  // Every test signs in afresh in its own browser context: more than the default 10 a minute.
  const reportsDir = dashboardReportsDir()
  const env = { API_LIVE_TOPIC: run.live, API_TELEMETRY_TOPIC: topic, API_SIGN_IN_PER_MINUTE: '1000', API_REPORTS_DIR: reportsDir }
  let api = await startTestApi({ bucket, env })
  await waitUntil('the API live consumers', async () => api.api.liveRunning, 60_000, 200)
  const fromMs = Math.floor((Date.now() - 130 * 60_000) / 60_000) * 60_000
  const report = await simulateTestPlant({ seed: 41, fromMs, hours: 2, chaos: { ...DEFAULT_CHAOS, duplicate: 0.01, outOfOrder: 0.005, late: 0, bad: 0.002, gapPerDeviceH: 0.2, resetPerDeviceH: 0.1, discontinuityPerDeviceH: 0.3 } })
  if (report.totals.failed > 0) throw new Error(`simulator: ${report.totals.failed} messages failed`)
  // Scores of the two days before today and today's daily summary: the score and report pages' data.
  const dayMs = 86_400_000
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now())
  const dayBefore = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * dayMs).toISOString().slice(0, 10)
  const scores = await writeDayScores(bucket, twoTenantRegistry(), [dayBefore(2), dayBefore(1)])
  await writeDailySummary(api, reportsDir, today)
  const holder = {
    scores,
    get api() {
      return api
    },
    async restartApi(whileDown?: () => Promise<void>) {
      const port = api.api.port
      await api.stop()
      await whileDown?.()
      api = await startTestApi({ bucket, env: { ...env, API_PORT: String(port) } })
    },
    async stop() {
      await api.stop()
      await aggregator.stop()
      await ingest.stop()
      await deleteTestBucket(bucket)
      rmSync(reportsDir, { recursive: true, force: true })
    },
  }
  return holder
}
