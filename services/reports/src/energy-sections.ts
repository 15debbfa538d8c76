import type { ApiAnswer } from './api-client.ts'
import { MEDIA, MEDIUM_NAMES, t, type Cell, type Medium, type Section, type Text } from './report-document.ts'

type PerMedium = Partial<Record<Medium, number>>
export interface SummaryValues {
  incomers: PerMedium
  subMeters: PerMedium
  incomersMinusSubMeters: PerMedium
  coalEquivalentKgce: number
  coalEqualKgce: number
  co2Kg: number
  co2ExcludedMedia: string
}
export type MachineEnergyValues = Partial<Record<Medium, { total: number; idle: number; offShift: number }>>
interface Factor {
  value: number
  unit: string
  year: number
  status: string
  source: string
}

/** Media that appear in any of the rows, in the contract's order. */
export const mediaIn = (...values: object[]): Medium[] => MEDIUM_NAMES.filter((m) => values.some((v) => m in v))

/** Energy by medium from the plant incomers (energy/summary): incomers, line sub-meters, the difference. */
export function energyByMedium(summary: ApiAnswer<SummaryValues>): Section {
  const title = t('一、分能源品种消耗（厂级总表）', '1. Energy by medium (plant incomers)')
  const v = summary.rows[0]?.values
  if (!v) return { id: 'by-medium', title, unavailable: t('本期无厂级总表数据。', 'No plant incomer data in this period.') }
  return {
    id: 'by-medium', title,
    columns: [{ label: t('能源品种', 'Medium') }, { label: t('单位', 'Unit') }, { label: t('厂级总表', 'Plant incomers') }, { label: t('车间分表合计', 'Line sub-meters') }, { label: t('差值（损耗或未计量）', 'Difference (losses, unmetered)') }],
    // A medium without line sub-meters has no difference to show: the whole incomer is not a loss.
    rows: mediaIn(v.incomers, v.subMeters).map((m) => [MEDIA[m].label, MEDIA[m].unit, v.incomers[m] ?? null, v.subMeters[m] ?? null, m in v.subMeters ? (v.incomersMinusSubMeters[m] ?? null) : null]),
    notes: [t('差值 = 厂级总表 − 车间分表合计；无车间分表的介质不列差值。', 'Difference = plant incomers − line sub-meters; not shown for a medium without line sub-meters.')],
  }
}

/** Standard coal by 当量值 and 等价值 and CO2 with the factors the API names (value, year, status). */
export function coalAndCo2(summary: ApiAnswer<SummaryValues>): Section {
  const title = t('二、综合能耗（标准煤）与二氧化碳排放', '2. Standard coal and CO2')
  const v = summary.rows[0]?.values
  if (!v) return { id: 'coal-co2', title, unavailable: t('本期无厂级总表数据。', 'No plant incomer data in this period.') }
  const factors = JSON.parse(summary.unit.factors ?? '{}') as Record<string, Factor>
  const note = (name: Text, f: Factor | undefined): Text =>
    f ? t(`${name['zh-CN']}：${f.value} ${f.unit}（${f.year} 年，${f.status === 'unverified' ? '未核实' : f.status}；${f.source}）`, `${name.en}: ${f.value} ${f.unit} (${f.year}, ${f.status}; ${f.source})`) : t(`${name['zh-CN']}：API 未给出`, `${name.en}: not stated by the API`)
  const notes = [
    note(t('电力折标系数（当量值）', 'Electricity, equivalent value'), factors.equivalentKgcePerKwh),
    note(t('电力折标系数（等价值）', 'Electricity, equal value'), factors.equalKgcePerKwh),
    note(t('电网排放因子', 'Grid emission factor'), factors.gridCo2KgPerKwh),
  ]
  if (v.co2ExcludedMedia) notes.push(t(`CO2 未计入：${v.co2ExcludedMedia}（无排放因子）`, `CO2 leaves out: ${v.co2ExcludedMedia} (no factor)`))
  return {
    id: 'coal-co2', title,
    columns: [{ label: t('指标', 'Figure') }, { label: t('单位', 'Unit') }, { label: t('数值', 'Value') }],
    rows: [
      [t('综合能耗（当量值）', 'Standard coal, equivalent value (当量值)'), 'kgce', v.coalEquivalentKgce],
      [t('综合能耗（等价值）', 'Standard coal, equal value (等价值)'), 'kgce', v.coalEqualKgce],
      [t('二氧化碳排放', 'CO2 emissions'), 'kg CO2', v.co2Kg],
    ],
    notes,
  }
}

/** Machines' own meters per line: total, idle (not running in planned time) and off-shift energy. */
export function energyByLine(byLine: ApiAnswer<MachineEnergyValues>, lineNames: Map<string, string>): Section {
  const title = t('三、分车间（产线）设备能耗及待机、非生产时段能耗', '3. Energy by line: machines, idle and off-shift')
  const media = mediaIn(...byLine.rows.map((r) => r.values))
  if (media.length === 0) return { id: 'by-line', title, unavailable: t('本期无设备计量数据。', 'No machine meter data in this period.') }
  const rows: Cell[][] = []
  for (const r of byLine.rows) for (const m of media) {
    const e = r.values[m]
    if (e) rows.push([lineNames.get(r.group.line ?? '') ?? r.group.line ?? '', MEDIA[m].label, MEDIA[m].unit, e.total, e.idle, e.offShift])
  }
  return {
    id: 'by-line', title,
    columns: [{ label: t('车间（产线）', 'Line') }, { label: t('能源品种', 'Medium') }, { label: t('单位', 'Unit') }, { label: t('设备合计', 'Machines total') }, { label: t('待机能耗', 'Idle') }, { label: t('非生产时段', 'Off-shift') }],
    rows,
    notes: [
      t('待机能耗：计划生产时间内设备未运行时的消耗；非生产时段：班次日历以外的消耗。', 'Idle: drawn while not running in planned time; off-shift: drawn outside the shift calendar.'),
      t('待机和非生产时段电量的电费见第八节。', 'What idle and off-shift electricity cost: section 8.'),
    ],
  }
}

/** The machines that drew the most electricity (their own meters), largest first. */
export function largestConsumers(byMachine: ApiAnswer<MachineEnergyValues>, top: number, lineNames: Map<string, string>): Section {
  const title = t('四、主要耗能设备（电）', '4. Largest consumers (electricity)')
  const rows = byMachine.rows.filter((r) => r.values.electricity).sort((a, b) => (b.values.electricity?.total ?? 0) - (a.values.electricity?.total ?? 0)).slice(0, top)
  if (rows.length === 0) return { id: 'largest', title, unavailable: t('本期无设备电表数据。', 'No machine electricity data in this period.') }
  return {
    id: 'largest', title,
    columns: [{ label: t('设备', 'Machine') }, { label: t('车间', 'Line') }, { label: t('用电', 'Electricity'), unit: 'kWh' }, { label: t('其中待机', 'of it idle'), unit: 'kWh' }, { label: t('其中非生产时段', 'of it off-shift'), unit: 'kWh' }],
    rows: rows.map((r) => [r.group.machine ?? '', lineNames.get(r.group.line ?? '') ?? r.group.line ?? '', r.values.electricity?.total ?? null, r.values.electricity?.idle ?? null, r.values.electricity?.offShift ?? null]),
  }
}
