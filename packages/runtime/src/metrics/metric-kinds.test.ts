import { describe, expect, it, vi } from 'vitest'
import { createCounter } from './counter.ts'
import { createGauge } from './gauge.ts'
import { createHistogram } from './histogram.ts'

describe('counter', () => {
  it('only goes up', () => {
    const { metric } = createCounter({ name: 'x_total', help: 'x' })
    metric.inc(2)
    expect(() => metric.inc(-1)).toThrow('cannot increase by -1')
    expect(() => metric.inc(Number.NaN)).toThrow('cannot increase by NaN')
    expect(metric.get()).toBe(2)
  })

  it('must be named with _total', () => {
    expect(() => createCounter({ name: 'messages', help: 'x' })).toThrow('must end in _total')
  })

  it('refuses missing, extra or unknown labels', () => {
    const { metric } = createCounter({ name: 'x_total', help: 'x', labelNames: ['a', 'b'] })
    expect(() => metric.inc({ a: '1' } as never)).toThrow('expected labels [a, b], got [a]')
    expect(() => metric.inc({ a: '1', b: '2', c: '3' } as never)).toThrow('expected labels [a, b], got [a, b, c]')
    expect(() => metric.inc()).toThrow('expected labels [a, b], got []')
  })

  it('refuses invalid metric and label names', () => {
    expect(() => createCounter({ name: 'bad-name_total', help: 'x' })).toThrow('invalid metric name')
    expect(() => createCounter({ name: 'x_total', help: 'x', labelNames: ['__reserved'] })).toThrow('invalid label name')
    expect(() => createHistogram({ name: 'h', help: 'x', labelNames: ['le'] })).toThrow('invalid label name "le"')
  })
})

describe('gauge', () => {
  it('sets, increments and decrements per label set, and forgets them on reset', () => {
    const { metric, render } = createGauge({ name: 'g', help: 'x', labelNames: ['line'] })
    metric.set({ line: 'l1' }, 10)
    metric.inc({ line: 'l1' }, 5)
    metric.dec({ line: 'l2' })
    expect(metric.get({ line: 'l1' })).toBe(15)
    expect(metric.get({ line: 'l2' })).toBe(-1)
    metric.reset()
    expect(render()).toEqual(['# HELP g x', '# TYPE g gauge'])
  })

  it('refuses set() with labels but no value', () => {
    const { metric } = createGauge({ name: 'g', help: 'x', labelNames: ['line'] })
    expect(() => metric.set({ line: 'l1' })).toThrow('set() needs a value')
  })
})

describe('histogram', () => {
  it('puts a value equal to a bound into that bucket', () => {
    const { metric, render } = createHistogram({ name: 'h', help: 'x', buckets: [1, 2] })
    metric.observe(1)
    expect(render()).toContain('h_bucket{le="1"} 1')
  })

  it('refuses buckets that are not strictly increasing', () => {
    expect(() => createHistogram({ name: 'h', help: 'x', buckets: [1, 1] })).toThrow('strictly increasing')
    expect(() => createHistogram({ name: 'h', help: 'x', buckets: [] })).toThrow('strictly increasing')
  })

  it('times an operation in seconds with startTimer', () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    try {
      const { metric, render } = createHistogram({ name: 'h', help: 'x', buckets: [0.1, 1] })
      const stop = metric.startTimer()
      vi.advanceTimersByTime(250)
      expect(stop()).toBeCloseTo(0.25, 3)
      expect(render()).toEqual(expect.arrayContaining(['h_bucket{le="0.1"} 0', 'h_bucket{le="1"} 1', 'h_count 1']))
    } finally {
      vi.useRealTimers()
    }
  })
})
