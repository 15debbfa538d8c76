import { parseArgs } from 'node:util'
import { REPORT_KINDS, type ReportKind } from '@millstream/contract'
import { createLogger, loadConfig, runService } from '@millstream/runtime'
import { createReports } from './app.ts'
import { generateRange, progressBar } from './generate-report.ts'
import { reportsConfigSchema } from './reports-config.ts'

const HELP = `Usage: reports                      run the schedules (pnpm --filter @millstream/reports start)
       reports generate --from YYYY-MM-DD --to YYYY-MM-DD [--plant ID|FIRM/PLANT|FIRM] [--kind ${REPORT_KINDS.join('|')}]

Writes each plant's monthly energy report, online-monitoring indicators (GB/T 37947) and daily
summary and shift reports, and each firm's monthly energy report (PDF in zh-CN and English, XLSX, and the report's
JSON; docs/reports.md) to REPORTS_DIR with an index the API lists and serves.
Every figure is read from the API with the service's API key, so it equals the API's number and
the key decides which plants get reports. Daily at local midnight + REPORTS_SETTLE in each
plant's time zone it generates the days and months that closed and have no report yet (also at
start, REPORTS_CATCH_UP back); each shift's report follows the shift's end by REPORTS_SHIFT_SETTLE
(a quarter-hourly run). \`generate\` regenerates every report of the range with a progress
bar; a month is reported whole; running it again replaces the same files.

Environment (services/reports/README.md): REPORTS_API_URL, REPORTS_API_KEY, REPORTS_DIR
(.run/reports), REPORTS_CHROMIUM (/usr/bin/chromium), REPORTS_SETTLE (120m), REPORTS_CATCH_UP (3d),
REPORTS_SHIFT_SETTLE (30m), REPORTS_API_TIMEOUT (60s), HTTP_PORT (9105), HTTP_HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS.
Endpoints: GET /healthz, /readyz, /metrics on HTTP_HOST:HTTP_PORT.`

const { values, positionals } = parseArgs({ options: { help: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, plant: { type: 'string' }, kind: { type: 'string', multiple: true } }, allowPositionals: true })
if (values.help) {
  console.log(HELP)
  process.exit(0)
}

if (positionals[0] === 'generate') {
  const date = /^\d{4}-\d{2}-\d{2}$/
  const kinds = (values.kind ?? [...REPORT_KINDS]) as ReportKind[]
  if (!values.from || !values.to || !date.test(values.from) || !date.test(values.to) || kinds.some((k) => !REPORT_KINDS.includes(k))) {
    console.error(`reports generate needs --from and --to (YYYY-MM-DD); --kind is one of ${REPORT_KINDS.join(', ')}`)
    process.exit(2)
  }
  const config = loadConfig(reportsConfigSchema)
  const logger = createLogger({ name: 'reports', level: config.LOG_LEVEL })
  const reports = createReports({ config: { ...config, HTTP_PORT: 0 }, logger, schedule: false, catchUp: false })
  await reports.start()
  let failed = false
  try {
    const entries = await generateRange(reports.deps, {
      from: values.from, to: values.to, kinds, ...(values.plant ? { plant: values.plant } : {}),
      onProgress: (done, total, t) => process.stderr.write(`\r${progressBar(done, total)} ${t.kind} ${t.firm.id}/${t.plant.id} ${t.period.id}   `),
    })
    process.stderr.write(`\nwrote ${entries.length} reports to ${config.REPORTS_DIR} (${entries.filter((e) => e.warnings > 0).length} with gap warnings)\n`)
  } catch (err) {
    failed = true
    process.stderr.write(`\nreports generate failed: ${err instanceof Error ? err.message : String(err)}\n`)
  }
  await reports.stop()
  process.exit(failed ? 1 : 0)
} else {
  await runService(
    async () => {
      const config = loadConfig(reportsConfigSchema)
      const logger = createLogger({ name: 'reports', level: config.LOG_LEVEL })
      const reports = createReports({ config, logger })
      reports.handleSignals(config.SHUTDOWN_TIMEOUT_MS)
      await reports.start()
    },
    { name: 'reports' },
  )
}
