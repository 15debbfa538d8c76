import { useI18n } from 'vue-i18n'
import { BASIS_KEYS, reasonMessage } from './api-reasons.ts'

/**
 * Labels of codes that come from devices (stop reasons) or the API: translated when the code is
 * known, shown as sent otherwise. `te` checks first, so an unknown code never logs a missing key.
 */
export function useLabels() {
  const { t, te } = useI18n()
  const known = (prefix: string, code: string) => (te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code)
  return {
    reason: (code: string | undefined) => (!code ? '' : known('reason', code)),
    /** Tariff bands of the registry's tariff (tip, peak, flat, valley, ...). */
    band: (code: string) => known('band', code),
    /** Count units of the registry (kg, m, piece, pick, doff). */
    countUnit: (code: string | null | undefined) => (!code ? '' : known('countUnit', code)),
    /** The basis an SEC is quoted per (100 m, kg, 10^5 picks ...). */
    basis: (label: string) => (BASIS_KEYS[label] ? t(`basis.${BASIS_KEYS[label]}`) : label),
    /** Score components by id (D1 … E4); the record's own name otherwise. */
    component: (id: string, name: string) => (te(`scoreComponent.${id}`) ? t(`scoreComponent.${id}`) : name),
    /** Why the API gives no figure: its English sentence in the page's language when known. */
    apiReason: (text: string | null | undefined) => {
      if (!text) return ''
      const m = reasonMessage(text)
      return m ? t(m.key, m.params) : text
    },
  }
}
