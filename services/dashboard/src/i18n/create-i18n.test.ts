import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAppI18n } from './create-i18n.ts'

afterEach(() => vi.restoreAllMocks())

describe('dashboard i18n', () => {
  it('reports a missing key as a console error (which fails the browser tests) and shows the key', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const i18n = createAppI18n('en')
    expect(i18n.global.t('energy.noSuchKey')).toBe('energy.noSuchKey')
    expect(errors).toHaveBeenCalledWith('missing translation: energy.noSuchKey (en)')
  })
  it('translates a key in both languages without any report', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const i18n = createAppI18n('zh-CN')
    expect(i18n.global.t('state.no_data')).toBe('无数据')
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('state.no_data')).toBe('No data')
    expect(errors).not.toHaveBeenCalled()
  })
})
