import { t, type Text } from './report-document.ts'

interface GapRow {
  group: Record<string, string | undefined>
  values: { kpis: { effectivenessGap?: string | null } }
}

/**
 * Why a line's performance and OEE are empty (—) in a report: a batch line (jet dyers) has its
 * performance measured over the batches that ended (docs/metrics.md §4.3), so a period in which
 * none ended, or only batches begun before the data, has none; never 0 %.
 */
export function performanceNotes(rows: readonly GapRow[], lineName: (id: string | undefined) => string): Text[] {
  const lines = (gap: string) => [...new Set(rows.filter((r) => r.values.kpis.effectivenessGap === gap).map((r) => lineName(r.group.line)))].join('、')
  const notes: Text[] = []
  const none = lines('no_batch_ended')
  if (none) notes.push(t(`性能、OEE“—”（${none}）：本时段没有批次结束；批次设备的性能按已结束的批次计算。`, `Performance and OEE "—" (${none}): no batch ended in the period; batch machines' performance is measured over the batches that ended.`))
  const unknown = lines('batch_time_unknown')
  if (unknown) notes.push(t(`性能、OEE“—”（${unknown}）：结束的批次开始于数据之前，运行时间未知，不计入性能。`, `Performance and OEE "—" (${unknown}): the batches that ended began before the data, so their run time is unknown and they are left out.`))
  return notes
}
