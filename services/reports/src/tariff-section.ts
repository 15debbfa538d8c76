import type { ApiAnswer } from './api-client.ts'
import { apiReason } from './api-reasons.ts'
import { t, type Cell, type Section } from './report-document.ts'

export interface TariffValues {
  kwh?: number
  kwhByBand?: Record<string, number>
  costByBand?: Record<string, number>
  totalCost?: number | null
  currency?: string
  reason?: string
}
const BANDS: Record<string, ReturnType<typeof t>> = { tip: t('尖峰', 'Tip'), peak: t('峰', 'Peak'), flat: t('平', 'Flat'), valley: t('谷', 'Valley'), deep_valley: t('深谷', 'Deep valley') }

/** Peak/flat/valley electricity and its cost, as the API's energy/tariff splits it (its reason when it cannot). */
export function tariffSection(answer: ApiAnswer<TariffValues>): Section {
  const title = t('七、峰平谷电量与电费', '7. Peak, flat and valley energy and cost')
  const v = answer.rows[0]?.values
  if (!v || v.reason || !v.kwhByBand) {
    const why = v?.reason ? apiReason(v.reason) : t('本期无数据', 'no data in this period')
    return { id: 'tou', title, unavailable: t(`暂无：${why['zh-CN']}。`, `Not available: ${why.en}.`) }
  }
  const currency = v.currency ?? ''
  const rows: Cell[][] = Object.entries(v.kwhByBand).filter(([, kwh]) => kwh > 0).map(([band, kwh]) => [BANDS[band] ?? band, kwh, v.costByBand?.[band] ?? null])
  return {
    id: 'tou', title,
    columns: [{ label: t('时段', 'Band') }, { label: t('电量', 'Electricity'), unit: 'kWh' }, { label: t('电费', 'Cost'), unit: currency }],
    rows: [...rows, [t('合计', 'Total'), v.kwh ?? null, v.totalCost ?? null]],
    notes: [t(`电价：${answer.unit.tariff ?? ''}`, `Tariff: ${answer.unit.tariff ?? ''}`)],
  }
}
