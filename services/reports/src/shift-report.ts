import type { ApiAnswer, ApiClient } from './api-client.ts'
import type { IntakeValues, PlantDetail } from './data-completeness.ts'
import { plantPath, type PlantPeriod } from './monthly-energy-report.ts'
import { performanceNotes } from './performance-notes.ts'
import { reasonLabel, t, unitLabel, type Cell, type ReportDocument, type Section, type Text } from './report-document.ts'
import { hhmm } from './report-format.ts'
import { shiftPeriodsBetween, shiftQueryRange } from './shift-periods.ts'

interface EfficiencyValues {
  kpis: { oee: number | null; availability: number | null; effectiveness: number | null; effectivenessGap?: string | null; quality: number | null }
}
interface StopValues {
  count: number
  downS: number
}
interface ProductionValues {
  producedQty: number
  goodQty: number
  inspectedQty: number
}

const kpiColumns = [
  { label: t('OEE', 'OEE'), percent: true }, { label: t('可用率', 'Availability'), percent: true },
  { label: t('性能', 'Performance'), percent: true }, { label: t('质量', 'Quality'), percent: true },
]
const kpiCells = (v: EfficiencyValues): Cell[] => [v.kpis.oee, v.kpis.availability, v.kpis.effectiveness, v.kpis.quality]

/**
 * The plant manager's shift (issue 15): output, OEE and its parts per line, stops by reason with
 * their down time, and the machines with the lowest OEE, each the API's row of that shift
 * (granularity=shift, the row whose shift and date are this shift's).
 */
export async function shiftReport(api: ApiClient, p: PlantPeriod): Promise<ReportDocument> {
  const base = plantPath(p)
  const date = p.id.slice(0, 10)
  const shiftId = p.id.slice(11)
  const q = { ...shiftQueryRange(date), granularity: 'shift' }
  const [plant, byLine, byMachine, stops, output, quality] = await Promise.all([
    api.get<PlantDetail>(base),
    api.get<ApiAnswer<EfficiencyValues>>(`${base}/efficiency`, { ...q, by: 'line' }),
    api.get<ApiAnswer<EfficiencyValues>>(`${base}/efficiency`, { ...q, by: 'machine' }),
    api.get<ApiAnswer<StopValues>>(`${base}/stops`, q),
    api.get<ApiAnswer<ProductionValues>>(`${base}/production`, { ...q, by: 'line' }),
    api.get<ApiAnswer<IntakeValues>>(`${base}/data-quality`, q),
  ])
  const mine = <V>(a: ApiAnswer<V>) => a.rows.filter((r) => r.group.date === date && r.group.shift === shiftId)
  const lineName = (id: string | undefined) => plant.lines.find((l) => l.id === id)?.name ?? id ?? ''
  const worst = mine(byMachine).filter((r) => r.values.kpis.oee !== null).sort((a, b) => (a.values.kpis.oee ?? 0) - (b.values.kpis.oee ?? 0)).slice(0, 5)
  const made = mine(output).filter((r) => r.values.producedQty > 0)
  const sections: Section[] = [
    made.length === 0
      ? { id: 'output', title: t('一、各车间产量', '1. Output by line'), unavailable: t('本班无产量数据。', 'No output counted in this shift.') }
      : {
          id: 'output', title: t('一、各车间产量', '1. Output by line'),
          columns: [{ label: t('车间', 'Line') }, { label: t('单位', 'Unit') }, { label: t('产量', 'Produced'), digits: 0 }, { label: t('合格品', 'Good'), digits: 0 }],
          // Good output only where the counters inspect (report a good count); else it is unknown, not zero.
          rows: made.map((r) => [lineName(r.group.line), unitLabel(r.group.unit ?? ''), r.values.producedQty, r.values.inspectedQty > 0 ? r.values.goodQty : null]),
          notes: made.some((r) => r.values.inspectedQty === 0) ? [t('合格品“—”：该车间计数器未上报合格数。', 'Good "—": the line\'s counters report no good count.')] : [],
        },
    { id: 'oee-by-line', title: t('二、各车间 OEE 及其构成', '2. OEE and its parts by line'), columns: [{ label: t('车间', 'Line') }, ...kpiColumns], rows: mine(byLine).map((r) => [lineName(r.group.line), ...kpiCells(r.values)]), notes: performanceNotes(mine(byLine), lineName) },
    { id: 'stops', title: t('三、停机原因（按停机时长）', '3. Stops by reason (by down time)'), columns: [{ label: t('原因', 'Reason') }, { label: t('次数', 'Stops'), digits: 0 }, { label: t('停机时长', 'Down time'), unit: 'min', digits: 1 }], rows: mine(stops).map((r) => [reasonLabel(r.group.reason ?? ''), r.values.count, r.values.downS / 60]) },
    { id: 'worst', title: t('四、OEE 最低的设备', '4. Machines with the lowest OEE'), columns: [{ label: t('设备', 'Machine') }, { label: t('车间', 'Line') }, ...kpiColumns], rows: worst.map((r) => [r.group.machine ?? '', lineName(r.group.line), ...kpiCells(r.values)]) },
  ]
  const heard = new Set(mine(quality).map((r) => r.group.device))
  const silent = plant.lines.flatMap((l) => l.machines.map((m) => m.id)).filter((m) => !heard.has(m))
  const warnings: Text[] = [
    ...(mine(byLine).length === 0 ? [t('本班无设备数据。', 'No machine data in this shift.')] : []),
    ...(silent.length ? [t(`${silent.length} 台设备本班未上传任何数据：${silent.join('、')}。`, `Machines that sent nothing this shift (${silent.length}): ${silent.join(', ')}.`)] : []),
  ]
  // The shift's times from the calendar itself, so a shift without data still says when it was.
  const shift = shiftPeriodsBetween(plant.shiftCalendar, plant.timeZone, date, date).find((x) => x.shift.id === shiftId)?.shift
  const name = shift?.name ?? shiftId
  const span = shift ? `${hhmm(shift.startMs, plant.timeZone)}–${hhmm(shift.endMs, plant.timeZone)}` : ''
  return {
    kind: 'shift', title: t(`班报（${name} 班 ${span}）`, `Shift report (shift ${name}, ${span})`),
    firm: { id: p.firm.id, name: p.firm.name }, plant: { id: plant.id, name: plant.name, timeZone: plant.timeZone },
    period: { id: p.id, from: date, to: date }, warnings, sections,
  }
}
