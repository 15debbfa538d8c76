import { z } from 'zod'

/**
 * The reports directory (issue 15) shared by the reports service, which writes it, and the API,
 * which lists and serves it: REPORTS_DIR/index.json and REPORTS_DIR/{firm}/{plant}/{kind}/{period}/{file}.
 */
export const REPORT_KINDS = ['energy-monthly', 'daily-summary', 'online-monitoring', 'energy-monthly-firm', 'shift'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
/** Kinds made once per firm (all its plants) instead of per plant. */
export const FIRM_REPORT_KINDS = ['energy-monthly-firm'] as const satisfies readonly ReportKind[]
export const isFirmReportKind = (k: ReportKind): boolean => (FIRM_REPORT_KINDS as readonly ReportKind[]).includes(k)
/** The `plant` of a firm report's entry and path: no registry id can start with '_'. */
export const FIRM_REPORT_PLANT = '_firm'
/** Every report is these files: the document the renderers used, and its PDF and XLSX in zh-CN and English. */
export const REPORT_FILES = ['report.json', 'zh-CN.pdf', 'en.pdf', 'zh-CN.xlsx', 'en.xlsx'] as const
export type ReportFile = (typeof REPORT_FILES)[number]
/** A month (energy-monthly), a local day (daily-summary), or a shift: the local date it starts on and the calendar's shift id (2026-02-14-b). */
export const reportPeriodSchema = z.string().regex(/^\d{4}-\d{2}(-\d{2}(-[a-z0-9][a-z0-9_-]{0,63})?)?$/, 'must be YYYY-MM, YYYY-MM-DD or YYYY-MM-DD-SHIFT')

export const reportEntrySchema = z.object({
  firm: z.string(),
  plant: z.string(),
  kind: z.enum(REPORT_KINDS),
  period: reportPeriodSchema,
  /** Local dates of the plant, inclusive. */
  from: z.string(),
  to: z.string(),
  files: z.array(z.enum(REPORT_FILES)),
  /** How many gap or limit warnings the report's first page carries. */
  warnings: z.number().int().nonnegative(),
  generatedAt: z.string(),
})
export type ReportEntry = z.infer<typeof reportEntrySchema>
export const reportIndexSchema = z.object({ version: z.literal(1), reports: z.array(reportEntrySchema) })
export type ReportIndex = z.infer<typeof reportIndexSchema>

/** Where a report file lives, relative to the reports directory. */
export const reportFilePath = (e: Pick<ReportEntry, 'firm' | 'plant' | 'kind' | 'period'>, file: ReportFile) => `${e.firm}/${e.plant}/${e.kind}/${e.period}/${file}`
