import { describe, expect, it } from 'vitest'
import { performanceNotes } from './performance-notes.ts'

const row = (line: string, effectivenessGap: string | null) => ({ group: { line }, values: { kpis: { effectivenessGap } } })
const name = (id: string | undefined) => (id === 'dyeing' ? 'Jet dyeing' : (id ?? ''))

describe('the notes under a report\'s OEE table', () => {
  it('say why a batch line has no performance, in both languages, and nothing when every line has one', () => {
    const notes = performanceNotes([row('dyeing', 'no_batch_ended'), row('weaving', null)], name)
    expect(notes).toHaveLength(1)
    expect(notes[0]?.en).toContain('(Jet dyeing): no batch ended in the period')
    expect(notes[0]?.['zh-CN']).toContain('本时段没有批次结束')
    expect(performanceNotes([row('dyeing', 'batch_time_unknown')], name)[0]?.en).toContain('run time is unknown')
    expect(performanceNotes([row('weaving', null)], name)).toEqual([])
  })
})
