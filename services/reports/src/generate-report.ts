import { FIRM_REPORT_PLANT, isFirmReportKind, type ReportEntry, type ReportKind, type ShiftCalendar } from '@millstream/contract'
import type { ApiClient, FirmSummary, PlantSummary } from './api-client.ts'
import { dailySummaryReport } from './daily-summary-report.ts'
import { monthlyEnergyReport } from './monthly-energy-report.ts'
import { onlineMonitoringReport } from './online-monitoring-report.ts'
import { firmEnergyReport } from './firm-energy-report.ts'
import { plantPath } from './monthly-energy-report.ts'
import { shiftReport } from './shift-report.ts'
import { shiftPeriodsBetween, type ShiftPeriod } from './shift-periods.ts'
import type { PdfPrinter } from './print-pdf.ts'
import { LANGS, t, type ReportDocument } from './report-document.ts'
import { reportHtml } from './report-html.ts'
import { localDateOf, periodsBetween, type Period } from './report-periods.ts'
import type { ReportStore } from './report-store.ts'
import { reportXlsx } from './report-xlsx.ts'

export interface GenerateDeps {
  api: ApiClient
  store: ReportStore
  printer: PdfPrinter
  now: () => number
}
export interface ReportTask {
  kind: ReportKind
  firm: FirmSummary
  plant: PlantSummary
  period: Period | ShiftPeriod
}

const BUILDERS: Record<ReportKind, typeof monthlyEnergyReport> = { 'energy-monthly': monthlyEnergyReport, 'daily-summary': dailySummaryReport, 'online-monitoring': onlineMonitoringReport, 'energy-monthly-firm': firmEnergyReport, shift: shiftReport }

/** Reads one report's figures from the API, renders it in both languages and stores its files and index entry. */
export async function generateReport(deps: GenerateDeps, task: ReportTask): Promise<ReportEntry> {
  const doc: ReportDocument = await BUILDERS[task.kind](deps.api, { firm: task.firm, plant: task.plant, ...task.period })
  // A period that has not ended yet (a regeneration of today, of this month) is partial: say so first.
  const today = localDateOf(deps.now(), task.plant.timeZone)
  if ('shift' in task.period ? deps.now() < task.period.shift.endMs : today <= task.period.to) doc.warnings.unshift(t(`本报告生成时报告期尚未结束（${new Date(deps.now()).toISOString()}）：数值不完整。`, `The period had not ended when this report was generated (${new Date(deps.now()).toISOString()}): its figures are partial.`))
  const files: Record<string, string | Buffer> = { 'report.json': `${JSON.stringify(doc, null, 2)}\n` }
  for (const lang of LANGS) {
    files[`${lang}.pdf`] = await deps.printer.print(reportHtml(doc, lang))
    files[`${lang}.xlsx`] = await reportXlsx(doc, lang)
  }
  return deps.store.put({ firm: task.firm.id, plant: task.plant.id, kind: task.kind, period: task.period.id, from: task.period.from, to: task.period.to, warnings: doc.warnings.length, generatedAt: new Date(deps.now()).toISOString() }, files)
}

/** The plants the API key may see, `plant` (id or firm/plant) narrowing them. */
export async function visiblePlants(api: ApiClient, plant?: string): Promise<{ firm: FirmSummary; plant: PlantSummary }[]> {
  const all = (await api.firms()).flatMap((firm) => firm.plants.map((p) => ({ firm, plant: p })))
  const chosen = all.filter((x) => plant === undefined || x.plant.id === plant || `${x.firm.id}/${x.plant.id}` === plant || x.firm.id === plant)
  if (chosen.length === 0) throw new RangeError(plant ? `no plant ${plant} visible to the reports API key` : 'the reports API key sees no plant')
  return chosen
}

/**
 * Who a kind is made for: each plant, or each firm once (its plant is FIRM_REPORT_PLANT; its days
 * are those of the firm's first plant's zone).
 */
export function subjectsOf(kind: ReportKind, plants: { firm: FirmSummary; plant: PlantSummary }[]): { firm: FirmSummary; plant: PlantSummary }[] {
  if (!isFirmReportKind(kind)) return plants
  const firms = new Map(plants.map((p) => [p.firm.id, p]))
  return [...firms.values()].map((p) => ({ firm: p.firm, plant: { id: FIRM_REPORT_PLANT, name: p.firm.name, timeZone: p.plant.timeZone } }))
}

export interface RangeOptions {
  from: string
  to: string
  plant?: string
  kinds: readonly ReportKind[]
  onProgress?: (done: number, total: number, task: ReportTask) => void
}

/**
 * Regenerates every report of the range (the CLI): the same builder as the schedule, so a
 * regenerated report is the scheduled one; files and index entry are replaced, never duplicated.
 */
export async function generateRange(deps: GenerateDeps, o: RangeOptions): Promise<ReportEntry[]> {
  const plants = await visiblePlants(deps.api, o.plant)
  const tasks: ReportTask[] = []
  for (const kind of o.kinds) {
    for (const p of subjectsOf(kind, plants)) {
      const periods = kind === 'shift' ? shiftPeriodsBetween((await calendarOf(deps.api, p)), p.plant.timeZone, o.from, o.to) : periodsBetween(kind, o.from, o.to)
      tasks.push(...periods.map((period) => ({ kind, ...p, period })))
    }
  }
  const out: ReportEntry[] = []
  for (const task of tasks) {
    out.push(await generateReport(deps, task))
    o.onProgress?.(out.length, tasks.length, task)
  }
  return out
}

/** The plant's shift calendar, from the API's registry call. */
export const calendarOf = async (api: ApiClient, p: { firm: FirmSummary; plant: PlantSummary }): Promise<ShiftCalendar> => (await api.get<{ shiftCalendar: ShiftCalendar }>(plantPath(p))).shiftCalendar

/** A one-line text progress bar for a terminal. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((width * done) / total) : width
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`
}
