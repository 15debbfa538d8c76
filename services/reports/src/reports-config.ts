import { durationMsFromEnv, httpUrlSchema, opsEnv, portFromEnv } from '@millstream/runtime'
import { z } from 'zod'

/** Every variable the reports service reads (services/reports/README.md). */
export const reportsConfigSchema = z.object({
  ...opsEnv,
  HTTP_PORT: portFromEnv().default(9105),
  /** The API every figure comes from (docs/reports.md: one source for each number). */
  REPORTS_API_URL: httpUrlSchema,
  /** An API key (msk_…) whose role and scopes decide which plants get reports: tenancy by construction. */
  REPORTS_API_KEY: z.string().regex(/^msk_/, 'must be an API key (msk_…) made by the API admin CLI'),
  /** Where reports and their index.json are written; the API serves the same directory. */
  REPORTS_DIR: z.string().default('.run/reports'),
  /** The system Chromium that prints the PDFs (no browser download). */
  REPORTS_CHROMIUM: z.string().default('/usr/bin/chromium'),
  /**
   * Wait after local midnight before the daily and monthly runs: after the scorer's own settle
   * (SCORER_SETTLE, 90m) so the day's minutes and hours are final and its scores exist.
   */
  REPORTS_SETTLE: durationMsFromEnv().default(120 * 60_000),
  /** Wait after a shift ends before its shift report (the aggregator's lateness and emit delay are minutes). */
  REPORTS_SHIFT_SETTLE: durationMsFromEnv().default(30 * 60_000),
  /** At start, periods this far back that have no report yet are generated (catch-up). */
  REPORTS_CATCH_UP: durationMsFromEnv().default(3 * 24 * 3_600_000),
  /** Timeout of one API call; a month of a large plant takes a few seconds. */
  REPORTS_API_TIMEOUT: durationMsFromEnv().default(60_000),
})
export type ReportsConfig = z.infer<typeof reportsConfigSchema>
