import { useI18n } from 'vue-i18n'

/**
 * Labels of codes that come from devices (stop reasons): translated when the code is known,
 * shown as sent otherwise. `te` checks first, so an unknown device code never logs a missing key.
 */
export function useLabels() {
  const { t, te } = useI18n()
  return {
    reason: (code: string | undefined) => (!code ? '' : te(`reason.${code}`) ? t(`reason.${code}`) : code),
    /** Tariff bands of the registry's tariff (tip, peak, flat, valley, ...). */
    band: (code: string) => (te(`band.${code}`) ? t(`band.${code}`) : code),
  }
}
