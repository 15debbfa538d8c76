import type { ApiAnswer } from './api-client.ts'
import { apiReason } from './api-reasons.ts'
import { t, type Cell, type Section, type Text } from './report-document.ts'

/** energy/specific values (docs/api.md): one row per line. */
export interface SpecificValues {
  unit: string | null
  /** Which count the output is: the good count where the counters inspect, else the produced count. */
  outputKind: 'good' | 'produced' | null
  outputQty: number
  kgceEquivalent: number
  sec: { value: number | null; basis: string } | null
  benchmark: { family: string; basis: string; source: string; status: string; grades: { grade1: number; grade2?: number; grade3: number } } | null
  grade: { grade: 1 | 2 | 3 | null; meetsLimit: boolean; shareOfLimit: number } | null
  reason: string | null
}
export interface EnpiValues {
  energyKgce: number
  outputStandardH: number
  performance: { expectedEnergy: number; actualEnergy: number; improvement: number; index: number | null } | null
  reason: string | null
}
interface Split {
  costByBand: Record<string, number>
  totalCost: number | null
  currency: string
}
export interface IdleCostValues {
  idleKwh?: number
  offShiftKwh?: number
  idle?: Split
  offShift?: Split
  totalCost?: number | null
  reason?: string
}
export interface PeerValues {
  basis: string | null
  sec: number | null
  benchmark: { plants: number; percentile: number | null; quartiles: { p25: number; median: number; p75: number } | null } | null
  reason: string | null
}

const WHOLE_UNITS = new Set(['pick', 'piece', 'doff'])
/** The API's reason for a missing figure (or the report's own, already in both languages), as a sentence. */
const why = (reason: string | Text): Text => {
  const r = typeof reason === 'string' ? apiReason(reason) : reason
  return t(`暂无：${r['zh-CN']}。`, `Not available: ${r.en}.`)
}
/** A per-row note: the row's name and the API's reason for it. */
const rowNote = (name: string, reason: string): Text => {
  const r = apiReason(reason)
  return t(`${name}：${r['zh-CN']}`, `${name}: ${r.en}`)
}
const gradeText = (g: SpecificValues['grade']): Cell => (g ? (g.grade ? t(`${g.grade} 级`, `grade ${g.grade}`) : t('超限额', 'over the limit')) : null)

/** Energy per unit of output per line against its family's quota grades, as energy/specific gives it (its reason where it has no grade). */
export function specificSection(answer: ApiAnswer<SpecificValues>, lineNames: ReadonlyMap<string, string>, title: Text): Section {
  if (answer.rows.length === 0) return { id: 'sec-quota', title, unavailable: t('本期无设备计量或产量数据。', 'No machine meter or output data in this period.') }
  // Whole counts (picks, pieces, doffs) print without decimals; metres and kilograms keep them.
  const whole = answer.rows.every((r) => WHOLE_UNITS.has(r.values.unit ?? ''))
  const good = answer.rows.filter((r) => r.values.outputKind === 'good').map((r) => lineNames.get(r.group.line ?? '') ?? r.group.line ?? '')
  return {
    id: 'sec-quota', title,
    columns: [{ label: t('车间（产线）', 'Line') }, { label: t('产量', 'Output'), ...(whole ? { digits: 0 } : {}) }, { label: t('单位', 'Unit') }, { label: t('综合能耗', 'Energy'), unit: 'kgce' }, { label: t('单位产品能耗', 'Per unit'), unit: 'kgce', digits: 3 }, { label: t('基准', 'Basis') }, { label: t('限额（3 级）', 'Limit (grade 3)'), digits: 3 }, { label: t('等级', 'Grade') }, { label: t('占限额', 'Share of limit'), percent: true }],
    rows: answer.rows.map((r) => {
      const v = r.values
      return [lineNames.get(r.group.line ?? '') ?? r.group.line ?? '', v.outputQty, v.unit, v.kgceEquivalent, v.sec?.value ?? null, v.sec?.basis ?? null, v.benchmark?.grades.grade3 ?? null, gradeText(v.grade), v.grade?.shareOfLimit ?? null]
    }),
    notes: [
      // The shift and daily reports print the produced count: say which count this is, so the two do not seem to disagree.
      ...(good.length ? [t(`产量为合格品数（${good.join('、')}），单位产品能耗按合格品计。`, `Output is the good count (${good.join(', ')}): energy per unit is per good unit.`)] : []),
      ...answer.rows.filter((r) => r.values.reason).map((r) => rowNote(lineNames.get(r.group.line ?? '') ?? r.group.line ?? '', r.values.reason!)),
    ],
  }
}

/** EnPI per day against the API's baseline (energy/enpi), and the month as the sum of its days. */
export function enpiSection(answer: ApiAnswer<EnpiValues>, dateOf: (iso: string) => string, title: Text): Section {
  const scored = answer.rows.filter((r) => r.values.performance)
  if (scored.length === 0) return { id: 'enpi', title, unavailable: why(answer.rows[0]?.values.reason ?? t('本期无工厂总进线数据', 'no plant incomer data in the period')) }
  const sum = (f: (p: NonNullable<EnpiValues['performance']>) => number) => scored.reduce((s, r) => s + f(r.values.performance!), 0)
  return {
    id: 'enpi', title,
    columns: [{ label: t('日期', 'Date') }, { label: t('标准工时', 'Standard hours'), unit: 'h', digits: 1 }, { label: t('实际能耗', 'Actual'), unit: 'kgce' }, { label: t('基准预期', 'Expected'), unit: 'kgce' }, { label: t('节能量', 'Savings'), unit: 'kgce' }, { label: t('EnPI 指数', 'EnPI index'), digits: 3 }],
    rows: [
      ...answer.rows.map((r): Cell[] => [dateOf(r.from), r.values.outputStandardH, r.values.performance?.actualEnergy ?? null, r.values.performance?.expectedEnergy ?? null, r.values.performance?.improvement ?? null, r.values.performance?.index ?? null]),
      [t('合计', 'Total'), null, sum((p) => p.actualEnergy), sum((p) => p.expectedEnergy), sum((p) => p.improvement), null],
    ],
    notes: [t('基准：API 按基准期（默认本期前 28 天）拟合的线性模型 能耗 = a + b × 标准工时（ISO 50006）；节能量 = 预期 − 实际；合计为各日之和。', 'Baseline: the API\'s linear model energy = a + b × standard hours fitted on the baseline days (by default the 28 days before the period; ISO 50006); savings = expected − actual; the total is the sum of the days.')],
  }
}

/** What idle and off-shift electricity cost per line (energy/idle-cost, priced by the API with the plant's tariff). */
export function idleCostSection(answer: ApiAnswer<IdleCostValues>, lineNames: ReadonlyMap<string, string>, title: Text): Section {
  const reason = answer.rows[0]?.values.reason
  if (reason || answer.rows.length === 0) return { id: 'idle-cost', title, unavailable: why(reason ?? t('本期无设备电量数据', 'no machine electricity data in this period')) }
  const currency = answer.rows[0]?.values.idle?.currency ?? ''
  return {
    id: 'idle-cost', title,
    columns: [{ label: t('车间（产线）', 'Line') }, { label: t('待机电量', 'Idle'), unit: 'kWh' }, { label: t('待机电费', 'Idle cost'), unit: currency }, { label: t('非生产时段电量', 'Off-shift'), unit: 'kWh' }, { label: t('非生产时段电费', 'Off-shift cost'), unit: currency }, { label: t('合计电费', 'Total cost'), unit: currency }],
    rows: answer.rows.map((r) => [lineNames.get(r.group.line ?? '') ?? r.group.line ?? '', r.values.idleKwh ?? null, r.values.idle?.totalCost ?? null, r.values.offShiftKwh ?? null, r.values.offShift?.totalCost ?? null, r.values.totalCost ?? null]),
    notes: [t(`按小时电量和分时电价计价（${answer.unit.tariff ?? ''}）；仅设备自带电表。`, `Each hour priced by tariff band (${answer.unit.tariff ?? ''}); machines' own meters only.`)],
  }
}

/** The plant's energy per unit of output against the plants of its family in the cluster: anonymised, as energy/peers gives it. */
export function peerSection(answer: ApiAnswer<PeerValues>, title: Text): Section {
  if (answer.rows.length === 0) return { id: 'benchmark', title, unavailable: why(t('设备台账中本厂各车间均未指定产品族', 'the plant\'s lines have no product family in the registry')) }
  const q = (r: (typeof answer.rows)[number]) => r.values.benchmark?.quartiles
  return {
    id: 'benchmark', title,
    columns: [{ label: t('产品族', 'Product family') }, { label: t('基准', 'Basis') }, { label: t('本厂', 'This plant'), unit: 'kgce', digits: 3 }, { label: t('对标工厂数', 'Plants'), digits: 0 }, { label: t('百分位', 'Percentile'), digits: 1 }, { label: t('P25', 'P25'), digits: 3 }, { label: t('中位数', 'Median'), digits: 3 }, { label: t('P75', 'P75'), digits: 3 }],
    rows: answer.rows.map((r) => [r.group.family ?? '', r.values.basis, r.values.sec, r.values.benchmark?.plants ?? null, r.values.benchmark?.percentile ?? null, q(r)?.p25 ?? null, q(r)?.median ?? null, q(r)?.p75 ?? null]),
    notes: [
      t(`集群：${answer.unit.cluster ?? ''}。百分位 100 为能效最好；对标组为同集群同产品族、本企业及向平台共享能耗数据的企业的工厂；不列出其他工厂名称或数值，少于 5 家不给四分位数。`, `Cluster: ${answer.unit.cluster ?? ''}. Percentile 100 = the most efficient; the group is the plants of the same family in the cluster, of this firm and of firms that share energy data with the platform; no other plant is named or shown, and quartiles need at least 5 plants.`),
      ...answer.rows.filter((r) => r.values.reason).map((r) => rowNote(r.group.family ?? '', r.values.reason!)),
    ],
  }
}
