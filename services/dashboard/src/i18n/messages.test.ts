import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('dashboard messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort())
  })
  it('use the same placeholders in both languages', () => {
    const flat = (o: object) => Object.fromEntries(keys(o).map((k) => [k, k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string]))
    const zh = flat(zhCN)
    for (const [k, v] of Object.entries(flat(en))) expect(placeholders(zh[k] ?? ''), k).toEqual(placeholders(v))
  })
})
