import { t, type Text } from './report-document.ts'

/** The metrics package's codes for a baseline that cannot be fitted (energy/enpi: `baseline not fitted: <code>`). */
const BASELINE_FIT: Record<string, string> = {
  too_few_points: '基准期有效天数不足（少于 3 天），无法拟合基准',
  output_does_not_vary: '基准期产量没有变化，无法拟合基准',
}

/**
 * The API's reasons for a figure it cannot give (energy/specific, energy/enpi, energy/idle-cost,
 * energy/peers, energy/tariff), each in Chinese. The API sends them as English sentences, some with
 * a value inside (a family, a unit list, a basis): the pattern captures it and the Chinese keeps it.
 */
const REASONS: readonly { en: RegExp; zh: (...parts: string[]) => string | undefined }[] = [
  { en: /^baseline not fitted: (\w+)$/, zh: (code) => BASELINE_FIT[code] },
  { en: /^no output in the window$/, zh: () => '本期无产量' },
  { en: /^no output in the period$/, zh: () => '本期无产量' },
  { en: /^output in more than one unit \((.*)\): energy cannot be split between them$/, zh: (units) => `产量有多个计量单位（${units}），能耗无法在其间分摊` },
  { en: /^output in more than one unit \((.*)\)$/, zh: (units) => `产量有多个计量单位（${units}）` },
  { en: /^no quota benchmark for product family (.+)$/, zh: (family) => `产品族 ${family} 无能耗限额基准` },
  { en: /^the line has no product family in the registry$/, zh: () => '设备台账中该车间未指定产品族' },
  { en: /^benchmark is per (.+), output per (.+)$/, zh: (b, o) => `限额基准按 ${b} 计，产量按 ${o} 计，口径不一致` },
  { en: /^the plant has no tariff in the registry$/, zh: () => '设备台账中该厂未配置电价' },
  { en: /^the plant has no cluster in the registry$/, zh: () => '设备台账中该厂未指定所属产业集群' },
  { en: /^no figure for the plant$/, zh: () => '本厂无该项数值' },
  { en: /^no other plant of the family in the cluster has a figure for the period$/, zh: () => '同集群同产品族的其他工厂本期均无数值' },
]

/** The Chinese of an API reason, or undefined for a reason (or code) not known here. */
export function apiReasonZh(reason: string): string | undefined {
  for (const r of REASONS) {
    const m = r.en.exec(reason)
    if (m) return r.zh(...m.slice(1))
  }
  return undefined
}

/** An API reason in both languages: the API's own text where the Chinese is not known, rather than nothing. */
export const apiReason = (reason: string): Text => t(apiReasonZh(reason) ?? reason, reason)
