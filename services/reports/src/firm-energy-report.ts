import type { ApiAnswer, ApiClient, FirmSummary } from './api-client.ts'
import { dataCompleteness, type IntakeValues, type PlantDetail } from './data-completeness.ts'
import { MEDIA, t, type Cell, type Column, type ReportDocument, type Text } from './report-document.ts'
import { mediaIn, type SummaryValues } from './energy-sections.ts'
import type { PlantPeriod } from './monthly-energy-report.ts'

/**
 * The firm's monthly energy report: each plant's incomers, standard coal and CO2 from the API's
 * energy/summary for the same local days, and the firm's total as the sum of those rows; every
 * plant's gaps are named on the first page, as in its own report.
 */
export async function firmEnergyReport(api: ApiClient, p: PlantPeriod): Promise<ReportDocument> {
  const firm = await api.get<FirmSummary>(`/v1/firms/${encodeURIComponent(p.firm.id)}`)
  const range = { from: p.from, to: p.to }
  const rows = await Promise.all(firm.plants.map(async (plant) => {
    const base = `/v1/firms/${encodeURIComponent(firm.id)}/plants/${encodeURIComponent(plant.id)}`
    const [summary, detail, meterDays, quality] = await Promise.all([
      api.get<ApiAnswer<SummaryValues>>(`${base}/energy/summary`, range),
      api.get<PlantDetail>(base),
      api.get<ApiAnswer<Record<string, number>>>(`${base}/energy/meters`, { ...range, granularity: 'day' }),
      api.get<ApiAnswer<IntakeValues>>(`${base}/data-quality`, range),
    ])
    // Each plant's gaps, named here too: a firm total over a plant with a silent meter is short.
    const gaps = dataCompleteness({ plant: detail, from: p.from, to: p.to, meterDays, quality }).warnings
    return { plant, v: summary.rows[0]?.values, gaps: gaps.map((g) => t(`${plant.name}：${g['zh-CN']}`, `${plant.name}: ${g.en}`)) }
  }))
  const media = mediaIn(...rows.flatMap((r) => (r.v ? [r.v.incomers] : [])))
  const columns: Column[] = [{ label: t('工厂', 'Plant') }, ...media.map((m) => ({ label: MEDIA[m].label, unit: MEDIA[m].unit })), { label: t('当量值', 'Equivalent'), unit: 'kgce' }, { label: t('等价值', 'Equal value'), unit: 'kgce' }, { label: t('CO2', 'CO2'), unit: 'kg' }]
  const figures = (v: SummaryValues | undefined): (number | null)[] => [...media.map((m) => v?.incomers[m] ?? null), v?.coalEquivalentKgce ?? null, v?.coalEqualKgce ?? null, v?.co2Kg ?? null]
  const table: Cell[][] = rows.map((r) => [`${r.plant.name} (${r.plant.id})`, ...figures(r.v)])
  const total = figures(undefined).map((_, i) => rows.reduce((s, r) => s + (figures(r.v)[i] ?? 0), 0))
  const silent = rows.filter((r) => !r.v).map((r) => r.plant.id)
  const warnings: Text[] = silent.length ? [t(`无厂级总表数据的工厂：${silent.join('、')}（合计未含）。`, `Plants without incomer data: ${silent.join(', ')} (not in the total).`)] : []
  warnings.push(...rows.flatMap((r) => r.gaps))
  return {
    kind: 'energy-monthly-firm',
    title: t('企业月度能源报告', 'Firm monthly energy report'),
    firm: { id: firm.id, name: firm.name },
    plant: { id: p.plant.id, name: firm.plants.map((x) => x.name).join(' / '), timeZone: p.plant.timeZone },
    period: { id: p.id, from: p.from, to: p.to },
    warnings,
    sections: [{
      id: 'plants', title: t('一、各厂能耗、综合能耗与二氧化碳', '1. Energy, standard coal and CO2 by plant'), columns,
      rows: [...table, [t('企业合计', 'Firm total'), ...total]],
      notes: [t('企业合计 = 各厂之和；折标与排放因子见各厂报告。', 'Firm total = the sum of the plants; factors as in each plant\'s report.')],
    }],
  }
}
