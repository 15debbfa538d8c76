import type { ApiAnswer, ApiClient } from './api-client.ts'
import { energyByMedium, type SummaryValues } from './energy-sections.ts'
import { plantPath, type PlantPeriod } from './monthly-energy-report.ts'
import { dataCompleteness, type IntakeValues, type PlantDetail } from './data-completeness.ts'
import { notServedYet, reasonLabel, t, type Cell, type ReportDocument, type Section } from './report-document.ts'

interface EfficiencyValues {
  kpis: { oee: number | null; availability: number | null; effectiveness: number | null; quality: number }
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
  const worst = byMachine.rows.filter((r) => r.values.kpis.oee !== null).sort((a, b) => (a.values.kpis.oee ?? 0) - (b.values.kpis.oee ?? 0)).slice(0, 5)
  const sections: Section[] = [
    { id: 'oee-by-line', title: t('一、各车间 OEE 及其构成', '1. OEE and its parts by line'), columns: [{ label: t('车间', 'Line') }, ...kpiColumns], rows: byLine.rows.map((r) => [lineName(r.group.line), ...kpiCells(r.values)]) },
    { id: 'stops', title: t('二、停机原因（按停机时长）', '2. Stops by reason (by down time)'), columns: [{ label: t('原因', 'Reason') }, { label: t('次数', 'Stops'), digits: 0 }, { label: t('停机时长', 'Down time'), unit: 'min', digits: 1 }], rows: stops.rows.slice(0, 10).map((r) => [reasonLabel(r.group.reason ?? ''), r.values.count, r.values.downS / 60]) },
    { id: 'worst', title: t('三、OEE 最低的设备', '3. Machines with the lowest OEE'), columns: [{ label: t('设备', 'Machine') }, { label: t('车间', 'Line') }, ...kpiColumns], rows: worst.map((r) => [r.group.machine ?? '', lineName(r.group.line), ...kpiCells(r.values)]) },
    { ...energyByMedium(summary), title: t('四、全厂能耗（厂级总表）', '4. Plant energy (incomers)') },
    { id: 'shifts', title: t('五、分班次与产量', '5. By shift, and output'), unavailable: notServedYet('API 尚未按班次日历分行，也未提供产量数量', 'the API does not serve rows per shift or output quantities yet') },
    { ...completeness.section, title: t('六、数据完整性', '6. Data completeness') },
  ]
  const warnings = [...(byLine.rows.length === 0 ? [t('本日无设备数据。', 'No machine data on this day.')] : []), ...completeness.warnings]
  return { kind: 'daily-summary', title: t('日报（生产与能耗）', 'Daily summary (production and energy)'), firm: { id: p.firm.id, name: p.firm.name }, plant: { id: plant.id, name: plant.name, timeZone: plant.timeZone }, period: { id: p.id, from: p.from, to: p.to }, warnings, sections }
}
