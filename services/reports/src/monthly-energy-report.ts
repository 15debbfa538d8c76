import type { ApiAnswer, ApiClient, FirmSummary, PlantSummary } from './api-client.ts'
import { dataCompleteness, localDate, type IntakeValues, type PlantDetail } from './data-completeness.ts'
import { enpiSection, idleCostSection, peerSection, specificSection, type EnpiValues, type IdleCostValues, type PeerValues, type SpecificValues } from './energy-audit-sections.ts'
import { coalAndCo2, energyByLine, energyByMedium, largestConsumers, type MachineEnergyValues, type SummaryValues } from './energy-sections.ts'
import { t, type ReportDocument } from './report-document.ts'
import { tariffSection, type TariffValues } from './tariff-section.ts'

export interface PlantPeriod {
  firm: FirmSummary
  plant: PlantSummary
  /** Local dates, inclusive. */
  from: string
  to: string
  /** The period's name: 2026-02 for a month, 2026-02-14 for a day, 2026-02-14-b for a shift. */
  id: string
}

export const plantPath = (p: Pick<PlantPeriod, 'firm' | 'plant'>) => `/v1/firms/${encodeURIComponent(p.firm.id)}/plants/${encodeURIComponent(p.plant.id)}`

/**
 * The monthly energy report of one plant (能源审计和对标; GB/T 40063 报表管理): every figure is read
 * from the API for the same local days the API's own calls take, so each equals the API's number.
 */
export async function monthlyEnergyReport(api: ApiClient, p: PlantPeriod): Promise<ReportDocument> {
  const base = plantPath(p)
  const range = { from: p.from, to: p.to }
  const [plant, summary, byLine, byMachine, meterDays, quality, tariff] = await Promise.all([
    api.get<PlantDetail>(base),
    api.get<ApiAnswer<SummaryValues>>(`${base}/energy/summary`, range),
    api.get<ApiAnswer<MachineEnergyValues>>(`${base}/energy/machines`, { ...range, by: 'line' }),
    api.get<ApiAnswer<MachineEnergyValues>>(`${base}/energy/machines`, { ...range, by: 'machine' }),
    api.get<ApiAnswer<Record<string, number>>>(`${base}/energy/meters`, { ...range, granularity: 'day' }),
    api.get<ApiAnswer<IntakeValues>>(`${base}/data-quality`, range),
    api.get<ApiAnswer<TariffValues>>(`${base}/energy/tariff`, range),
  ])
  const [specific, enpi, idleCost, peers] = await Promise.all([
    api.get<ApiAnswer<SpecificValues>>(`${base}/energy/specific`, range),
    api.get<ApiAnswer<EnpiValues>>(`${base}/energy/enpi`, range),
    api.get<ApiAnswer<IdleCostValues>>(`${base}/energy/idle-cost`, { ...range, by: 'line' }),
    api.get<ApiAnswer<PeerValues>>(`${base}/energy/peers`, range),
  ])
  const lineNames = new Map(plant.lines.map((l) => [l.id, l.name]))
  const completeness = dataCompleteness({ plant, from: p.from, to: p.to, meterDays, quality })
  const byMedium = energyByMedium(summary)
  // A meter silent on some days makes its total (and the difference with the sub-meters) short, not a loss.
  if (completeness.meterGaps > 0) byMedium.notes = [...(byMedium.notes ?? []), t('注意：有计量表缺数（见第九节），本表合计不含缺数日，差值不代表损耗。', 'Note: some meters have days without data (section 9); these totals leave those days out and the difference is not a loss figure.')]
  return {
    kind: 'energy-monthly',
    title: t('月度能源报告', 'Monthly energy report'),
    firm: { id: p.firm.id, name: p.firm.name },
    plant: { id: plant.id, name: plant.name, timeZone: plant.timeZone },
    period: { id: p.id, from: p.from, to: p.to },
    warnings: completeness.warnings,
    sections: [
      byMedium, coalAndCo2(summary), energyByLine(byLine, lineNames), largestConsumers(byMachine, 10, lineNames),
      specificSection(specific, lineNames, t('五、单位产品能耗与限额等级', '5. Energy per unit of output against quota grades')),
      enpiSection(enpi, (iso) => localDate(iso, plant.timeZone), t('六、能源绩效参数（EnPI）与基准期节能量', '6. EnPI and savings against the baseline')),
      tariffSection(tariff),
      idleCostSection(idleCost, lineNames, t('八、待机与非生产时段能耗的电费', '8. What idle and off-shift electricity cost')),
      { ...completeness.section, title: t('九、数据完整性', '9. Data completeness') },
      peerSection(peers, t('十、同集群同产品族对标（匿名百分位）', '10. Benchmarking in the cluster (same product family, anonymised percentiles)')),
    ],
  }
}
