import { ENERGY_MEDIA, ENERGY_MEDIUM_NAMES, type EnergyMedium, type ReportKind } from '@millstream/contract'

/**
 * A report as data, before it is printed: the HTML (then PDF) and the XLSX are both rendered from
 * this one document, so the two files of a report cannot disagree. Numbers are the API's, raw;
 * only the renderers round them for reading.
 */
export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]
/** Text in both report languages. */
export type Text = Record<Lang, string>


/** A table cell: a number from the API, a label, or null (no value: shown as —). */
export type Cell = number | string | Text | null

export interface Column {
  label: Text
  /** Unit shown in the header, e.g. kWh, kgce, %. */
  unit?: string
  /** Decimals shown in the PDF (the XLSX keeps the full number and shows these decimals). */
  digits?: number
  /** The cell is a ratio 0..1 shown as a percentage. */
  percent?: boolean
}

export interface Section {
  id: string
  title: Text
  columns?: Column[]
  rows?: Cell[][]
  notes?: Text[]
  /** The figure is not available: the reason, instead of a made-up number. */
  unavailable?: Text
}

export interface ReportDocument {
  kind: ReportKind
  title: Text
  firm: { id: string; name: string }
  plant: { id: string; name: string; timeZone: string }
  /** Local dates, inclusive, and the period's name (2026-02, 2026-02-14). */
  period: { id: string; from: string; to: string }
  /** Said at the top of the first page: gaps and other limits of the data. */
  warnings: Text[]
  sections: Section[]
}

export const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en })
export const isText = (c: Cell): c is Text => typeof c === 'object' && c !== null
export const textOf = (c: string | Text, lang: Lang): string => (typeof c === 'string' ? c : c[lang])

/** Names and units of each medium of the wire contract (its units, as the API states them). */
export const MEDIA = {
  electricity: { label: t('电', 'Electricity'), unit: ENERGY_MEDIA.electricity.unit },
  steam: { label: t('蒸汽', 'Steam'), unit: ENERGY_MEDIA.steam.unit },
  water: { label: t('水', 'Water'), unit: ENERGY_MEDIA.water.unit },
  gas: { label: t('天然气', 'Natural gas'), unit: ENERGY_MEDIA.gas.unit },
} as const satisfies Record<EnergyMedium, { label: Text; unit: string }>
export type Medium = EnergyMedium
export const MEDIUM_NAMES: readonly Medium[] = ENERGY_MEDIUM_NAMES

/** Why a figure is missing, in both languages; `issue` names where it is being built. */
export const notServedYet = (zh: string, en: string): Text => t(`暂无：${zh}。本报告不估算此数值。`, `Not available: ${en}. This report does not estimate it.`)

/** Stop reason codes of the wire contract's examples, named for the reader; other codes show as sent. */
const REASONS: Record<string, Text> = {
  warp_break: t('断经', 'Warp break'), weft_break: t('断纬', 'Weft break'), doffing: t('落纱', 'Doffing'),
  no_material: t('缺料', 'No material'), maintenance: t('维修保养', 'Maintenance'), unknown: t('未填原因', 'No reason given'),
}
export const reasonLabel = (code: string): Text => {
  const known = REASONS[code]
  return known ? t(`${known['zh-CN']}（${code}）`, `${known.en} (${code})`) : t(code, code)
}

/** Count units of the wire contract, named for the reader; other codes show as sent. */
const UNITS: Record<string, Text> = { pick: t('纬', 'picks'), m: t('米', 'm'), kg: t('千克', 'kg'), piece: t('件', 'pieces'), doff: t('落', 'doffs') }
export const unitLabel = (code: string): Text | string => UNITS[code] ?? code
