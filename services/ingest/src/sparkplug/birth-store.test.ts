import { describe, expect, it } from 'vitest'
import { birthRecord, foldBirths } from './birth-store.ts'

const node = { groupId: 'g1', edgeNodeId: 'e1' }

describe('the births topic of the Sparkplug host', () => {
  it('reads back the alias tables it writes, per edge node and device', () => {
    const a = birthRecord(node, 'loom-01', new Map([[1, 'State'], [2, 'Count/Total']]), 1_000)
    const b = birthRecord(node, 'meter-01', new Map([[1, 'Energy/electricity/Total']]), 1_000)
    expect(a.key).toBe('g1/e1/loom-01')
    const { births, refused } = foldBirths(new Map([[a.key, a.value], [b.key, b.value]]))
    expect(refused).toBe(0)
    expect(births.get('g1/e1')?.get('loom-01')?.get(2)).toBe('Count/Total')
    expect(births.get('g1/e1')?.get('meter-01')?.get(1)).toBe('Energy/electricity/Total')
  })

  it('skips and counts records it cannot trust: not JSON, another shape, or a key that is not the record\'s device', () => {
    const good = birthRecord(node, 'loom-01', new Map([[1, 'State']]), 1)
    const { births, refused } = foldBirths(new Map([
      ['g1/e1/x', 'not json'],
      ['g1/e1/y', JSON.stringify({ v: 1, groupId: 'g1' })],
      ['g1/e1/other', good.value],
      [good.key, good.value],
    ]))
    expect(refused).toBe(3)
    expect([...(births.get('g1/e1')?.keys() ?? [])]).toEqual(['loom-01'])
  })
})
