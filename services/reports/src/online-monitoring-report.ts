import type { ApiAnswer, ApiClient } from './api-client.ts'
import { dataCompleteness, datesBetween, localDate, type IntakeValues, type PlantDetail } from './data-completeness.ts'
import { mediaIn, type SummaryValues } from './energy-sections.ts'
import { specificSection, type SpecificValues } from './energy-audit-sections.ts'
import { uploadsSection, type UploadValues } from './uploads-section.ts'
import { plantPath, type PlantPeriod } from './monthly-energy-report.ts'
import { MEDIA, notServedYet, t, type Cell, type Column, type Medium, type ReportDocument, type Text } from './report-document.ts'

/** GB/T 37947 quality rules as the provincial platforms apply them (reference/scores-and-views.md §3.4). */
const MIN_COMPLETENESS = 0.9
const MAX_DAILY_VS_MONTHLY = 0.05

const pass = (ok: boolean): Text => (ok ? t('合格', 'pass') : t('不合格', 'FAIL'))

/**
 * The online-monitoring indicators of one plant-month in the shape GB/T 37947 asks (用能单位能耗在线
 * 监测): monthly and daily consumption by energy type and comprehensive energy (kgce, 当量值), and the
 * platform's quality checks. Days are the API's local days (cut at local midnight by construction).
 */
export async function onlineMonitoringReport(api: ApiClient, p: PlantPeriod): Promise<ReportDocument> {
  const base = plantPath(p)
  const range = { from: p.from, to: p.to }
  const [plant, month, days, meterDays, quality] = await Promise.all([
    api.get<PlantDetail>(base),
    api.get<ApiAnswer<SummaryValues>>(`${base}/energy/summary`, range),
    api.get<ApiAnswer<SummaryValues>>(`${base}/energy/summary`, { ...range, granularity: 'day' }),
    api.get<ApiAnswer<Record<string, number>>>(`${base}/energy/meters`, { ...range, granularity: 'day' }),
    api.get<ApiAnswer<IntakeValues>>(`${base}/data-quality`, range),
  ])
  const [uploads, specific] = await Promise.all([
    api.get<ApiAnswer<UploadValues>>(`${base}/energy/uploads`, range),
    api.get<ApiAnswer<SpecificValues>>(`${base}/energy/specific`, range),
  ])
  const completeness = dataCompleteness({ plant, from: p.from, to: p.to, meterDays, quality })
  const m = month.rows[0]?.values
  const media = mediaIn(...[month, days].flatMap((a) => a.rows.map((r) => r.values.incomers)))
  const byDate = new Map(days.rows.map((r) => [localDate(r.from, plant.timeZone), r.values]))
  const dates = datesBetween(p.from, p.to)
  const columns: Column[] = [{ label: t('日期', 'Date') }, ...media.map((x) => ({ label: MEDIA[x].label, unit: MEDIA[x].unit })), { label: t('综合能耗（当量值）', 'Comprehensive energy (equivalent)'), unit: 'kgce' }]
  const dailyRows: Cell[][] = dates.map((d) => [d, ...media.map((x) => byDate.get(d)?.incomers[x] ?? null), byDate.get(d)?.coalEquivalentKgce ?? null])
  // Checks: the day rows' sum against the month row (5 %), and per medium the days with incomer data (90 %).
  const withData = (x: Medium) => dates.filter((d) => byDate.get(d)?.incomers[x] !== undefined).length / dates.length
  const sumOf = (f: (v: SummaryValues) => number | undefined) => days.rows.reduce((s, r) => s + (f(r.values) ?? 0), 0)
  const deviation = (daily: number, monthly: number | undefined) => (monthly ? Math.abs(daily - monthly) / monthly : daily === 0 ? 0 : 1)
  const checks: Cell[][] = [
    ...media.map((x): Cell[] => {
      const dev = deviation(sumOf((v) => v.incomers[x]), m?.incomers[x])
      return [t(`日累计与月值偏差：${MEDIA[x].label['zh-CN']}`, `Daily sum vs monthly: ${MEDIA[x].label.en}`), dev, '≤ 5 %', pass(dev <= MAX_DAILY_VS_MONTHLY)]
    }),
    [t('日累计与月值偏差：综合能耗', 'Daily sum vs monthly: comprehensive energy'), deviation(sumOf((v) => v.coalEquivalentKgce), m?.coalEquivalentKgce), '≤ 5 %', pass(deviation(sumOf((v) => v.coalEquivalentKgce), m?.coalEquivalentKgce) <= MAX_DAILY_VS_MONTHLY)],
    ...media.map((x): Cell[] => [t(`有总表数据的天数占比：${MEDIA[x].label['zh-CN']}`, `Days with incomer data: ${MEDIA[x].label.en}`), withData(x), '≥ 90 %', pass(withData(x) >= MIN_COMPLETENESS)]),
    ...uploads.rows.filter((r) => r.group.kind === 'meter').map((r): Cell[] => [t(`15 分钟上传完整率：计量表 ${r.group.device}`, `15-minute uploads: meter ${r.group.device}`), r.values.completeness, '≥ 90 %', pass(r.values.meetsRule)]),
  ]
  const failed = checks.filter((c) => (c[3] as Text).en === 'FAIL').map((c) => t(`在线监测质量检查不合格：${(c[0] as Text)['zh-CN']}`, `Online-monitoring quality check failed: ${(c[0] as Text).en}`))
  const warnings = [...failed, ...completeness.warnings]
  return {
    kind: 'online-monitoring',
    title: t('能耗在线监测指标（GB/T 37947）', 'Online energy-monitoring indicators (GB/T 37947)'),
    firm: { id: p.firm.id, name: p.firm.name },
    plant: { id: plant.id, name: plant.name, timeZone: plant.timeZone },
    period: { id: p.id, from: p.from, to: p.to },
    warnings,
    sections: [
      m
        ? { id: 'monthly', title: t('一、月度能耗（分能源品种）', '1. Monthly consumption by energy type'), columns: [{ label: t('指标', 'Indicator') }, { label: t('单位', 'Unit') }, { label: t('月值', 'Month') }], rows: [...media.map((x): Cell[] => [MEDIA[x].label, MEDIA[x].unit, m.incomers[x] ?? null]), [t('综合能耗（当量值）', 'Comprehensive energy (equivalent)'), 'kgce', m.coalEquivalentKgce], [t('综合能耗（等价值）', 'Comprehensive energy (equal value)'), 'kgce', m.coalEqualKgce]] }
        : { id: 'monthly', title: t('一、月度能耗（分能源品种）', '1. Monthly consumption by energy type'), unavailable: t('本月无厂级总表数据。', 'No plant incomer data this month.') },
      { id: 'daily', title: t('二、日能耗（分能源品种，日界为当地零时）', '2. Daily consumption by energy type (days cut at local midnight)'), columns, rows: dailyRows },
      { id: 'checks', title: t('三、数据质量检查', '3. Data quality checks'), columns: [{ label: t('检查项', 'Check') }, { label: t('实际', 'Actual'), percent: true }, { label: t('要求', 'Rule') }, { label: t('结论', 'Result') }], rows: checks, notes: [t('15 分钟上传完整率 = 有数据的 15 分钟时段数 / 应上传时段数（见第四节，API energy/uploads）。', '15-minute upload completeness = 15-minute slots with data / slots expected (section 4, API energy/uploads).')] },
      uploadsSection(uploads, plant),
      specificSection(specific, new Map(plant.lines.map((l) => [l.id, l.name])), t('五、产量与单位产品综合能耗（有限额标准的产品给出等级）', '5. Output and unit energy (graded where a quota standard exists)')),
      { id: 'realtime', title: t('六、15 分钟实时指标数据行', '6. 15-minute real-time indicator rows'), unavailable: notServedYet('本文件给出 15 分钟上传完整率，不导出每个 15 分钟时段的数值行', 'this file gives the 15-minute upload completeness, not a row of values per 15-minute slot') },
      { ...completeness.section, title: t('七、数据完整性', '7. Data completeness') },
    ],
  }
}
