import type { Plant } from '@millstream/contract'
import type { ApiAnswer } from './api-client.ts'
import { MEDIA, t, type Cell, type Medium, type Section, type Text } from './report-document.ts'

/** The API's plant call (GET …/plants/{plant}): the registry's own plant shape, from the contract. */
export type PlantDetail = Pick<Plant, 'id' | 'name' | 'timeZone' | 'lines' | 'meters' | 'shiftCalendar'>
export interface IntakeValues {
  samples: number
  lateSamples: number
  duplicates: number
  tooLate: number
  discontinuities: number
}

/** The local date (YYYY-MM-DD) of an instant in the plant's zone. */
export const localDate = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso))

/** Every local date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10))
  return out
}

/** Runs of consecutive dates, for reading: 2026-02-10..2026-02-12, 2026-02-20. */
export function dateRuns(dates: readonly string[]): string {
  const runs: [string, string][] = []
  for (const d of dates) {
    const last = runs.at(-1)
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = d
    else runs.push([d, d])
  }
  return runs.map(([a, b]) => (a === b ? a : `${a}..${b}`)).join(', ')
}

/**
 * Data completeness from the API's own rows: for each registry meter, the local days of the period
 * on which its daily energy row exists (energy/meters, granularity=day); and per device what the
 * intake counted (data-quality): excluded discontinuities, data too late to count, devices silent
 * all period. Gaps become warnings on the first page: a report never hides them.
 */
export function dataCompleteness(o: { plant: PlantDetail; from: string; to: string; meterDays: ApiAnswer<Record<string, number>>; quality: ApiAnswer<IntakeValues> }): { section: Section; warnings: Text[]; meterGaps: number } {
  const days = datesBetween(o.from, o.to)
  const warnings: Text[] = []
  let meterGaps = 0
  // The API groups meter rows by meter id only, so meters sharing an id (one per line) are one row here.
  const meters = new Map<string, { names: string[]; medium: string }>()
  for (const m of o.plant.meters) meters.set(m.id, { names: [...(meters.get(m.id)?.names ?? []), m.name], medium: m.medium })
  const rows: Cell[][] = [...meters].map(([id, m]) => {
    const name = m.names.join(' / ')
    const present = new Set(o.meterDays.rows.filter((r) => r.group.meter === id).map((r) => localDate(r.from, o.plant.timeZone)))
    const missing = days.filter((d) => !present.has(d))
    if (missing.length > 0) meterGaps += 1
    if (missing.length > 0) warnings.push(t(`计量表 ${name}（${id}）有 ${missing.length} 天无数据：${dateRuns(missing)}；这些天的能耗未计入本报告。`, `Meter ${name} (${id}) has no data on ${missing.length} of ${days.length} days: ${dateRuns(missing)}; their energy is not in this report.`))
    return [`${name} (${id})`, MEDIA[m.medium as Medium]?.label ?? m.medium, days.length - missing.length, days.length, missing.length ? dateRuns(missing) : '—']
  })
  const heard = new Set(o.quality.rows.map((r) => r.group.device))
  const devices = [...new Set([...o.plant.lines.flatMap((l) => l.machines.map((m) => m.id)), ...o.plant.meters.map((m) => m.id)])]
  const silent = devices.filter((d) => !heard.has(d))
  if (silent.length > 0) warnings.push(t(`${silent.length} 台设备本期未上传任何数据：${silent.join('、')}。`, `Devices that sent nothing this period (${silent.length}): ${silent.join(', ')}.`))
  const sum = (k: keyof IntakeValues) => o.quality.rows.reduce((s, r) => s + r.values[k], 0)
  const discontinuities = sum('discontinuities')
  const flagged = o.quality.rows.filter((r) => r.values.discontinuities > 0 || r.values.tooLate > 0).sort((a, b) => b.values.discontinuities - a.values.discontinuities).slice(0, 10)
  const notes: Text[] = [
    t(`上传样本 ${sum('samples')} 个，其中迟到 ${sum('lateSamples')}、重复 ${sum('duplicates')}、超过迟到期限未计入 ${sum('tooLate')}；剔除的计量突变（不计能耗的区间）${discontinuities} 次。`,
      `Samples accepted: ${sum('samples')}, of them late ${sum('lateSamples')}; duplicates dropped ${sum('duplicates')}; too late to count ${sum('tooLate')}; excluded discontinuities (intervals counted as nothing) ${discontinuities}.`),
    ...flagged.map((r) => t(`设备 ${r.group.device}：剔除突变 ${r.values.discontinuities} 次，过迟 ${r.values.tooLate} 个`, `Device ${r.group.device}: ${r.values.discontinuities} discontinuities excluded, ${r.values.tooLate} too late`)),
  ]
  if (discontinuities > 0) warnings.push(t(`本期剔除计量突变 ${discontinuities} 次（见“数据完整性”一节）。`, `Meter or counter discontinuities excluded this period: ${discontinuities} (see Data completeness).`))
  return {
    warnings,
    meterGaps,
    section: {
      id: 'completeness', title: t('八、数据完整性', '8. Data completeness'),
      columns: [{ label: t('计量表', 'Meter') }, { label: t('介质', 'Medium') }, { label: t('有数据天数', 'Days with data'), digits: 0 }, { label: t('天数', 'Days'), digits: 0 }, { label: t('缺数日期', 'Days missing') }],
      rows, notes,
    },
  }
}
