import { createI18n } from 'vue-i18n'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'millstream.locale'

/** zh-CN unless the user chose English before (kept in localStorage). */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  return saved === 'en' ? 'en' : 'zh-CN'
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}

/**
 * Composition-mode i18n, no fallback language: a key missing in the current language is reported
 * by `missing` as a console error (vue-i18n's own missing and fallback warnings exist in
 * development builds only). The browser tests fail on any console error, so a key missing in one
 * language cannot pass unnoticed, and the page shows the key itself, never another language.
 */
export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: false,
    missingWarn: true,
    fallbackWarn: true,
    missing: (locale: string, key: string) => {
      console.error(`missing translation: ${key} (${locale})`)
    },
    messages: { 'zh-CN': zhCN, en },
  })
}
