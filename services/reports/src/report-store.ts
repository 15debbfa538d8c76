import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { reportFilePath, reportIndexSchema, type ReportEntry, type ReportFile, type ReportIndex } from '@millstream/contract'

/** Writes `data` whole to a temp file and renames it: a reader (the API) never sees half a file. */
function writeAtomic(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(`${path}.tmp`, data)
  renameSync(`${path}.tmp`, path)
}

/**
 * The reports directory: each report's files under {firm}/{plant}/{kind}/{period}/ and one
 * index.json listing them (contract reportIndexSchema). Writing a report again replaces its files
 * and its index entry, so regenerating a period is idempotent: one entry, the same paths.
 */
export function createReportStore(dir: string) {
  const indexPath = join(dir, 'index.json')
  const read = (): ReportIndex => (existsSync(indexPath) ? reportIndexSchema.parse(JSON.parse(readFileSync(indexPath, 'utf8'))) : { version: 1, reports: [] })
  const key = (e: Pick<ReportEntry, 'firm' | 'plant' | 'kind' | 'period'>) => `${e.firm}/${e.plant}/${e.kind}/${e.period}`
  return {
    dir,
    index: read,
    has: (e: Pick<ReportEntry, 'firm' | 'plant' | 'kind' | 'period'>) => read().reports.some((r) => key(r) === key(e)),
    /** Files first, the index entry last: an entry always points at complete files. */
    put(entry: Omit<ReportEntry, 'files'>, files: Partial<Record<ReportFile, string | Buffer>>): ReportEntry {
      for (const [name, data] of Object.entries(files)) writeAtomic(join(dir, reportFilePath(entry, name as ReportFile)), data)
      const full: ReportEntry = { ...entry, files: Object.keys(files) as ReportFile[] }
      const index = read()
      const reports = [...index.reports.filter((r) => key(r) !== key(full)), full].sort((a, b) => key(a).localeCompare(key(b)))
      writeAtomic(indexPath, `${JSON.stringify({ version: 1, reports }, null, 2)}\n`)
      return full
    },
  }
}
export type ReportStore = ReturnType<typeof createReportStore>
