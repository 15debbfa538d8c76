import type { ApiAnswer, ApiClient } from './api-client.ts'
import { energyByMedium, type SummaryValues } from './energy-sections.ts'
import { plantPath, type PlantPeriod } from './monthly-energy-report.ts'
import { performanceNotes } from './performance-notes.ts'
import { hhmm } from './report-format.ts'
import { dataCompleteness, type IntakeValues, type PlantDetail } from './data-completeness.ts'
import { reasonLabel, t, unitLabel, type Cell, type ReportDocument, type Section } from './report-document.ts'

interface EfficiencyValues {
  kpis: { oee: number | null; availability: number | null; effectiveness: number | null; effectivenessGap?: string | null; quality: number }
}
interface StopValues {
  count: number
  downS: number
}

const kpiColumns = [
  { label: t('OEE', 'OEE'), percent: true }, { label: t('可用率', 'Availability'), percent: true },
  { label: t('性能', 'Performance'), percent: true }, { label: t('质量', 'Quality'), percent: true },
]
const kpiCells = (v: EfficiencyValues): Cell[] => [v.kpis.oee, v.kpis.availability, v.kpis.effectiveness, v.kpis.quality]

/**
 * The plant manager's day (ISO 22400-2 by line, stops by reason, the worst machines, the plant's
 * energy), every figure from the API for that local day.
 */
export async function dailySummaryReport(api: ApiClient, p: PlantPeriod): Promise<ReportDocument> {
  const base = plantPath(p)
  const range = { from: p.from, to: p.to }
  const [shifts, output] = await Promise.all([
    api.get<ApiAnswer<EfficiencyValues>>(`${base}/efficiency`, { ...range, granularity: 'shift' }),
    api.get<ApiAnswer<{ producedQty: number; goodQty: number; inspectedQty: number }>>(`${base}/production`, { ...range, by: 'line' }),
  ])
  const [plant, byLine, byMachine, stops, summary, meterDays, quality] = await Promise.all([
    api.get<PlantDetail>(base),
    api.get<ApiAnswer<EfficiencyValues>>(`${base}/efficiency`, { ...range, by: 'line' }),
    api.get<ApiAnswer<EfficiencyValues>>(`${base}/efficiency`, { ...range, by: 'machine' }),
    api.get<ApiAnswer<StopValues>>(`${base}/stops`, range),
    api.get<ApiAnswer<SummaryValues>>(`${base}/energy/summary`, range),
    api.get<ApiAnswer<Record<string, number>>>(`${base}/energy/meters`, { ...range, granularity: 'day' }),
    api.get<ApiAnswer<IntakeValues>>(`${base}/data-quality`, range),
  ])
  const completeness = dataCompleteness({ plant, from: p.from, to: p.to, meterDays, quality })
  const lineName = (id: string | undefined) => plant.lines.find((l) => l.id === id)?.name ?? id ?? ''
  const shiftName = (id: string | undefined) => plant.shiftCalendar.shifts.find((x) => x.id === id)?.name ?? id ?? ''
  const worst = byMachine.rows.filter((r) => r.values.kpis.oee !== null).sort((a, b) => (a.values.kpis.oee ?? 0) - (b.values.kpis.oee ?? 0)).slice(0, 5)
  const sections: Section[] = [
    { id: 'oee-by-line', title: t('一、各车间 OEE 及其构成', '1. OEE and its parts by line'), columns: [{ label: t('车间', 'Line') }, ...kpiColumns], rows: byLine.rows.map((r) => [lineName(r.group.line), ...kpiCells(r.values)]), notes: performanceNotes(byLine.rows, lineName) },
    { id: 'stops', title: t('二、停机原因（按停机时长）', '2. Stops by reason (by down time)'), columns: [{ label: t('原因', 'Reason') }, { label: t('次数', 'Stops'), digits: 0 }, { label: t('停机时长', 'Down time'), unit: 'min', digits: 1 }], rows: stops.rows.slice(0, 10).map((r) => [reasonLabel(r.group.reason ?? ''), r.values.count, r.values.downS / 60]) },
    { id: 'worst', title: t('三、OEE 最低的设备', '3. Machines with the lowest OEE'), columns: [{ label: t('设备', 'Machine') }, { label: t('车间', 'Line') }, ...kpiColumns], rows: worst.map((r) => [r.group.machine ?? '', lineName(r.group.line), ...kpiCells(r.values)]) },
    { ...energyByMedium(summary), title: t('四、全厂能耗（厂级总表）', '4. Plant energy (incomers)') },
    {
      // The parts of shifts inside the day (a night shift is cut at midnight), so the rows add up to the day's figures.
      id: 'shifts', title: t('五、分班次 OEE（本日内的班次时段）', '5. OEE by shift (the parts of shifts within the day)'), columns: [{ label: t('班次', 'Shift') }, { label: t('时间', 'Time') }, ...kpiColumns],
      rows: shifts.rows.map((r) => [r.group.date === p.from ? shiftName(r.group.shift) : `${shiftName(r.group.shift)} (${r.group.date})`, `${hhmm(r.from, plant.timeZone)}–${hhmm(r.to, plant.timeZone)}`, ...kpiCells(r.values)]),
      notes: [t('夜班在零时切开：前一日开始的夜班标注其日期；各班完整数据见班报。', 'Night shifts are cut at midnight: one that started the day before is marked with its date; each whole shift has its own shift report.')],
    },
    {
      id: 'output', title: t('六、各车间产量', '6. Output by line'), columns: [{ label: t('车间', 'Line') }, { label: t('单位', 'Unit') }, { label: t('产量', 'Produced'), digits: 0 }],
      rows: output.rows.filter((r) => r.values.producedQty > 0).map((r) => [lineName(r.group.line), unitLabel(r.group.unit ?? ''), r.values.producedQty]),
    },
    { ...completeness.section, title: t('七、数据完整性', '7. Data completeness') },
  ]
  const warnings = [...(byLine.rows.length === 0 ? [t('本日无设备数据。', 'No machine data on this day.')] : []), ...completeness.warnings]
  return { kind: 'daily-summary', title: t('日报（生产与能耗）', 'Daily summary (production and energy)'), firm: { id: p.firm.id, name: p.firm.name }, plant: { id: plant.id, name: plant.name, timeZone: plant.timeZone }, period: { id: p.id, from: p.from, to: p.to }, warnings, sections }
}
