import { describe, expect, it } from 'vitest'
import { rollupPoints } from './rollup-points.ts'

const HOUR_MS = Date.parse('2025-06-15T08:00:00+08:00')
const key = (...tags: string[]) => JSON.stringify(tags)

describe('rollupPoints', () => {
  it('writes one point per line and the plant as the sum of its lines, the plant hour last', () => {
    const lines = new Map([
      [key('weaving'), { apt_s: 5000, minutes: 120, stops: 3 }],
      [key('dyeing'), { apt_s: 1000.5, minutes: 60, stops: 1 }],
    ])
    const stops = new Map([
      [key('weaving', 'warp_break'), { count: 2, down_s: 90 }],
      [key('dyeing', 'warp_break'), { count: 1, down_s: 30.5 }],
    ])
    const out = rollupPoints({ firm: 'f', plant: 'p', hourStartMs: HOUR_MS, lines, stops })
    const t = HOUR_MS / 1000
    expect(out.lines).toEqual([
      `line_hour,firm=f,line=dyeing,plant=p apt_s=1000.5,minutes=60i,stops=1i ${t}`,
      `line_hour,firm=f,line=weaving,plant=p apt_s=5000,minutes=120i,stops=3i ${t}`,
      `line_stop_hour,firm=f,line=dyeing,plant=p,reason=warp_break count=1i,down_s=30.5 ${t}`,
      `line_stop_hour,firm=f,line=weaving,plant=p,reason=warp_break count=2i,down_s=90 ${t}`,
    ])
    expect(out.plant).toEqual([
      `plant_stop_hour,firm=f,plant=p,reason=warp_break count=3i,down_s=120.5 ${t}`,
      `plant_hour,firm=f,plant=p apt_s=6000.5,minutes=180i,stops=4i ${t}`,
    ])
  })

  it('gives the same bits whatever order the lines arrive in', () => {
    const a = new Map([[key('a'), { apt_s: 0.1 }], [key('b'), { apt_s: 0.2 }], [key('c'), { apt_s: 0.3 }]])
    const b = new Map([...a].reverse())
    const none = new Map()
    expect(rollupPoints({ firm: 'f', plant: 'p', hourStartMs: HOUR_MS, lines: b, stops: none })).toEqual(rollupPoints({ firm: 'f', plant: 'p', hourStartMs: HOUR_MS, lines: a, stops: none }))
  })

  it('writes nothing for an hour without machine hours, so it reads as not rolled up', () => {
    expect(rollupPoints({ firm: 'f', plant: 'p', hourStartMs: HOUR_MS, lines: new Map(), stops: new Map() })).toEqual({ lines: [], plant: [] })
  })
})
