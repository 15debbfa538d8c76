import { REPORT_KINDS, type ReportKind } from '@millstream/contract'
import type { Logger } from '@millstream/runtime'
import { calendarOf, generateReport, subjectsOf, visiblePlants, type GenerateDeps, type ReportTask } from './generate-report.ts'
import { closedShiftPeriods } from './shift-periods.ts'
import { closedPeriods } from './report-periods.ts'
import type { ReportsMetrics } from './reports-metrics.ts'

/** node-cron expression (in the plant's zone): every day at local midnight + settle. */
export function dailyCron(settleMs: number): string {
  const totalMin = Math.ceil(settleMs / 60_000)
  if (totalMin >= 24 * 60) throw new RangeError('REPORTS_SETTLE must be under 24 h')
  return `${totalMin % 60} ${Math.floor(totalMin / 60)} * * *`
}

/**
 * The reports that are due: for each visible plant (of one zone, or all) and kind, the periods
 * closed by now − settle within the look-back that have no report yet. A month closes with its
 * last day, so the run after the 1st's settle makes the monthly report.
 */
export async function dueTasks(deps: GenerateDeps, o: { settleMs: number; shiftSettleMs: number; lookBackMs: number; timeZone?: string; kinds?: readonly ReportKind[] }): Promise<ReportTask[]> {
  const plants = (await visiblePlants(deps.api)).filter((p) => o.timeZone === undefined || p.plant.timeZone === o.timeZone)
  const asOf = deps.now() - o.settleMs
  const tasks: ReportTask[] = []
  for (const kind of o.kinds ?? REPORT_KINDS) {
    for (const p of subjectsOf(kind, plants)) {
      // A shift closes at its end (plus its own, shorter settle); days and months at local midnight.
      const periods = kind === 'shift' ? closedShiftPeriods(await calendarOf(deps.api, p), p.plant.timeZone, deps.now() - o.shiftSettleMs, o.lookBackMs) : closedPeriods(kind, asOf, o.lookBackMs, p.plant.timeZone)
      tasks.push(...periods.map((period) => ({ kind, ...p, period })))
    }
  }
  return tasks.filter((t) => !deps.store.has({ firm: t.firm.id, plant: t.plant.id, kind: t.kind, period: t.period.id }))
}

/** node-cron expression of the shift run: every quarter hour, so a shift's report follows its end by at most the shift settle + 15 min. */
export const SHIFT_CRON = '*/15 * * * *'

/** One run at a time; a failed report is logged and counted, and the next run tries it again. */
export function createReportJobs(deps: GenerateDeps & { logger: Logger; metrics: ReportsMetrics; settleMs: number; shiftSettleMs: number; lookBackMs: number }) {
  let running: Promise<number> | undefined
  const run = async (): Promise<number> => {
    // Every plant, whichever zone's cron fired: each plant's own zone decides what has closed.
    let tasks: ReportTask[]
    try {
      tasks = await dueTasks(deps, { settleMs: deps.settleMs, shiftSettleMs: deps.shiftSettleMs, lookBackMs: deps.lookBackMs })
    } catch (err) {
      deps.logger.error({ err }, 'could not list the due reports (is the API up?); the next run tries again')
      throw err
    }
    let ok = 0
    for (const task of tasks) {
      const at = { kind: task.kind, firm: task.firm.id, plant: task.plant.id, period: task.period.id }
      try {
        const entry = await generateReport(deps, task)
        deps.metrics.generated.inc({ kind: task.kind, outcome: 'ok' })
        deps.metrics.lastSuccess.set({ kind: task.kind }, deps.now() / 1000)
        deps.logger.info({ ...at, warnings: entry.warnings }, 'report generated')
        ok += 1
      } catch (err) {
        deps.metrics.generated.inc({ kind: task.kind, outcome: 'failed' })
        deps.logger.error({ ...at, err }, 'report failed; the next run tries again')
      }
    }
    return ok
  }
  return {
    /** Generates what is due; a call while a run is going waits for that run instead of starting another. */
    trigger(): Promise<number> {
      running ??= run().finally(() => (running = undefined))
      return running
    },
    idle: async () => void (await running?.catch(() => 0)),
  }
}
