import { createLifecycle, createMetricsRegistry, startOpsServer, type Logger, type OpsServer } from '@millstream/runtime'
import cron, { type ScheduledTask } from 'node-cron'
import { createApiClient } from './api-client.ts'
import { visiblePlants, type GenerateDeps } from './generate-report.ts'
import { createPdfPrinter } from './print-pdf.ts'
import { createReportJobs, dailyCron, SHIFT_CRON } from './report-schedule.ts'
import { createReportStore } from './report-store.ts'
import type { ReportsConfig } from './reports-config.ts'
import { createReportsMetrics } from './reports-metrics.ts'

export interface ReportsDeps {
  config: ReportsConfig
  logger: Logger
  /** The clock periods are judged by; tests inject one. */
  now?: () => number
  /** Install node-cron schedules (default true). */
  schedule?: boolean
  /** Generate what is due at start (default true); the CLI turns it off. */
  catchUp?: boolean
}

/** Wires the reports service: API client, PDF printer, reports directory, jobs, schedules, ops endpoint. */
export function createReports({ config, logger, now = Date.now, schedule = true, catchUp = true }: ReportsDeps) {
  const metricsRegistry = createMetricsRegistry()
  const metrics = createReportsMetrics(metricsRegistry)
  const api = createApiClient({ baseUrl: config.REPORTS_API_URL, apiKey: config.REPORTS_API_KEY, timeoutMs: config.REPORTS_API_TIMEOUT })
  const printer = createPdfPrinter({ executablePath: config.REPORTS_CHROMIUM })
  const deps: GenerateDeps = { api, store: createReportStore(config.REPORTS_DIR), printer, now }
  const jobs = createReportJobs({ ...deps, logger: logger.child({ component: 'jobs' }), metrics, settleMs: config.REPORTS_SETTLE, shiftSettleMs: config.REPORTS_SHIFT_SETTLE, lookBackMs: config.REPORTS_CATCH_UP })
  const tasks: ScheduledTask[] = []
  let apiSeen = false
  let ops: OpsServer | undefined
  const lifecycle = createLifecycle({ logger })
    .add('ops-server', {
      start: async () => {
        ops = await startOpsServer({ port: config.HTTP_PORT, host: config.HTTP_HOST, logger, metrics: metricsRegistry, readiness: { started: () => lifecycle.state === 'started', api: () => (apiSeen ? true : { ok: false, reason: 'the API has not answered yet' }) } })
      },
      stop: async () => ops?.stop(),
    })
    .add('schedules', {
      start: async () => {
        // The API may start after this service: its plants (and their zones) are read when it answers.
        const plants = await visiblePlants(api).catch((err: unknown) => {
          logger.warn({ err }, 'API not answering at start; schedules use Asia/Shanghai until restart')
          return []
        })
        apiSeen = plants.length > 0
        if (catchUp) void jobs.trigger().then(() => (apiSeen = true)).catch(() => undefined)
        if (!schedule) return
        const zones = [...new Set(plants.map((p) => p.plant.timeZone))]
        const run = () => void jobs.trigger().then(() => (apiSeen = true)).catch(() => undefined)
        for (const timezone of zones.length ? zones : ['Asia/Shanghai']) tasks.push(cron.schedule(dailyCron(config.REPORTS_SETTLE), run, { timezone, name: `reports-${timezone}` }))
        // Shift reports follow each shift's end; a quarter-hourly run finds the shifts that closed (each plant's calendar and zone).
        tasks.push(cron.schedule(SHIFT_CRON, run, { name: 'reports-shifts' }))
      },
      stop: async () => {
        for (const t of tasks.splice(0)) await t.stop()
        await jobs.idle()
        await printer.close()
      },
    })
  return {
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    handleSignals: (timeoutMs: number) => lifecycle.handleSignals({ timeoutMs }),
    deps,
    jobs,
    metrics,
    get opsPort() {
      return ops?.port ?? 0
    },
  }
}
export type Reports = ReturnType<typeof createReports>

/** Starts the service; `stop()` drains the running job and closes the browser. */
export async function startReports(deps: ReportsDeps): Promise<Reports> {
  const reports = createReports(deps)
  await reports.start()
  return reports
}
